--[[
  Opening the sale and admitting buyers from the head of the line. Needs includes/queue.lua.
]]

-- The pre-queue is shuffled exactly once, by whichever script first runs after opensAt:
-- arriving at the exact second buys no advantage over arriving a minute early.
-- Returns the number of pre-queued buyers moved into the line, or -1 if nothing was due.
local function openSaleIfDue(settings, now, seed)
  if not settings.known or settings.saleStatus ~= "PUBLISHED" or now < settings.opensAt then
    return -1
  end
  if rcall("HGET", stateKey, "opened") == "1" then
    return -1
  end
  local members = rcall("ZRANGE", preKey, 0, -1)
  math.randomseed(num(seed, 0))
  for i = #members, 2, -1 do
    local j = math.random(i)
    members[i], members[j] = members[j], members[i]
  end
  local seq = num(rcall("HGET", stateKey, "seq"), 0)
  local batch = {}
  for i = 1, #members do
    seq = seq + 1
    batch[#batch + 1] = seq
    batch[#batch + 1] = members[i]
    if #batch >= 1000 or i == #members then
      rcall("ZADD", waitingKey, unpack(batch))
      batch = {}
    end
  end
  rcall("HSET", stateKey, "seq", seq, "opened", "1", "openedAt", now)
  rcall("DEL", preKey)
  if #members > 0 then
    rcall("HINCRBY", statsKey, "shuffled", #members)
  end
  return #members
end

-- A token bucket paces admissions at admitRate per second with at most one second of
-- burst, so a wave of expiries cannot send a crowd to the booking pages at once.
local function takeAdmissionTokens(settings, now, wanted)
  if settings.admitRate <= 0 or wanted <= 0 then
    return 0
  end
  local capacity = math.max(1, settings.admitRate)
  local bucket = rcall("HMGET", stateKey, "bucketTokens", "bucketAt")
  local tokens = num(bucket[1], capacity)
  local elapsed = math.max(0, now - num(bucket[2], now))
  tokens = math.min(capacity, tokens + elapsed * settings.admitRate / 1000)
  local taken = math.min(wanted, math.floor(tokens))
  rcall("HSET", stateKey, "bucketTokens", tostring(tokens - taken), "bucketAt", now)
  return taken
end

-- The only place a buyer becomes active. Room is computed from the active set inside the
-- same script that fills it, so no interleaving of callers can ever exceed maxActive.
local function admitFromHead(settings, now, limit)
  if salePhase(settings, now) ~= "open" then
    return {}
  end
  local room = settings.maxActive - rcall("ZCARD", activeKey)
  local wanted = math.min(room, limit, rcall("ZCARD", waitingKey))
  local count = takeAdmissionTokens(settings, now, wanted)
  if count <= 0 then
    return {}
  end
  local popped = rcall("ZPOPMIN", waitingKey, count)
  local claimBy = now + settings.claimWindowMs
  local admitted = {}
  local lastSeq = 0
  for i = 1, #popped, 2 do
    local user, seq = popped[i], popped[i + 1]
    local grantKey = grantPrefix .. user
    rcall("HSET", grantKey, "state", "pending", "jti", "", "extended", "0", "admittedAt", now,
      "claimBy", claimBy, "expiresAt", claimBy, "seq", seq)
    rcall("PEXPIRE", grantKey, settings.claimWindowMs)
    rcall("ZADD", activeKey, claimBy, user)
    rcall("ZREM", goneKey, user)
    admitted[#admitted + 1] = user
    lastSeq = seq
  end
  rcall("HSET", stateKey, "servedSeq", lastSeq)
  rcall("HINCRBY", stateKey, "admittedTotal", #admitted)
  rcall("HINCRBY", statsKey, "admitted", #admitted)
  return admitted
end

-- Waiting buyers whose grace period after disconnecting ran out give up their place.
local function dropAbandoned(now, limit)
  local users = rcall("ZRANGEBYSCORE", goneKey, "-inf", now, "LIMIT", 0, limit)
  for _, user in ipairs(users) do
    rcall("ZREM", waitingKey, user)
    rcall("ZREM", preKey, user)
    rcall("ZREM", goneKey, user)
    rcall("HDEL", connsKey, user)
  end
  if #users > 0 then
    rcall("HINCRBY", statsKey, "abandoned", #users)
  end
  return #users
end
