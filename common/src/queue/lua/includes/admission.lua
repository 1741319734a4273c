--[[
  Opening the sale and admitting buyers from the head of the line. Needs includes/queue.lua.
]]

-- The committed shuffle, "ticketping-shuffle-v1" (docs/fairness.md specifies it; the
-- verifier in verify/ implements it again and both pass verify/vectors/shuffle.json).
-- Words: SHA-1 of "<seed>:<counter>" for counter 0, 1, 2, ... (decimal), each digest read as
-- five big-endian 32-bit words. Draws below a bound redraw words at or above the largest
-- multiple of the bound (no modulo bias); Fisher-Yates from the last item down.
-- Every number stays below 2^53, so Lua's doubles are exact.
local function fairShuffle(seed, items)
  local digest, used, counter = "", 5, 0
  local function nextWord()
    if used == 5 then
      digest = redis.sha1hex(seed .. ":" .. counter)
      counter = counter + 1
      used = 0
    end
    used = used + 1
    return tonumber(string.sub(digest, used * 8 - 7, used * 8), 16)
  end
  local function below(bound)
    local limit = bound * math.floor(4294967296 / bound)
    local word = nextWord()
    while word >= limit do
      word = nextWord()
    end
    return math.fmod(word, bound)
  end
  for i = #items, 2, -1 do
    local j = below(i) + 1
    items[i], items[j] = items[j], items[i]
  end
  return items
end

-- Waiting buyers whose grace period after disconnecting ran out give up their place.
-- A negative limit drops them all (ZRANGEBYSCORE's LIMIT with a negative count).
local function dropAbandoned(now, limit)
  local users = rcall("ZRANGEBYSCORE", goneKey, "-inf", now, "LIMIT", 0, limit)
  for _, user in ipairs(users) do
    rcall("ZREM", waitingKey, user)
    rcall("ZREM", preKey, user)
    rcall("ZREM", generalPreKey, user)
    rcall("ZREM", goneKey, user)
    rcall("HDEL", connsKey, user)
  end
  if #users > 0 then
    rcall("HINCRBY", statsKey, "abandoned", #users)
  end
  return #users
end

-- Appends a shuffled pre-queue to the back of the line in the shuffle's order. Their wait
-- starts at this opening (one join mark for all): where they stood before it was the
-- shuffle's to decide, not a wait for a place.
local function appendShuffled(members, now)
  local seq = num(rcall("HGET", stateKey, "seq"), 0)
  if #members > 0 then
    appendRecord({ "j:" .. (seq + 1) .. ":" .. now })
    rcall("HSET", stateKey, "markAt", now)
  end
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
  rcall("HSET", stateKey, "seq", seq)
  if #members > 0 then
    rcall("HINCRBY", statsKey, "shuffled", #members)
  end
end

-- The pre-queue is shuffled exactly once, by whichever script first runs after opensAt:
-- arriving at the exact second buys no advantage over arriving a minute early. When the
-- general sale is already due by then, its pre-queue is shuffled in this same round, with
-- this round's seed and in this round's record (docs/fairness.md).
-- Returns the number of pre-queued buyers moved into the line, or -1 if nothing was due.
-- `opened` is the state's "opened" field when the caller has read it already.
local function openSaleIfDue(settings, now, seed, opened)
  if not settings.known or settings.saleStatus ~= "PUBLISHED" or now < settings.opensAt then
    return -1
  end
  if opened == nil then
    opened = rcall("HGET", stateKey, "opened")
  end
  if opened == "1" then
    return -1
  end
  -- Only the seed committed before the pre-queue opened may order it (settings.shuffleSeed,
  -- from PostgreSQL); the per-call `seed` argument is no longer used. Settings without one
  -- (written by an older version) leave the sale unopened until the loader refreshes them.
  if settings.shuffleSeed == "" then
    return -1
  end
  -- Entrants are exactly the buyers still waiting: one whose grace ran out before this
  -- instant gets no place, whichever script (a tick, a join, a status read) opens the sale.
  dropAbandoned(now, -1)
  -- The general sale's instant already passed (or its presale was removed) when the sale
  -- opens: its pre-queue, formed in its own lead window, is not a later round but part of
  -- this one, so both pre-queues are shuffled together. Both draw their arrival numbers
  -- from one counter (join.lua), so the union stays in join order.
  -- With a presale still set, its buyers without a code are remembered: they may buy only
  -- from the general sale on, so should the organizer move it later, the line pauses at
  -- the first of them as it would at a general round of their own.
  local withoutCode = nil
  if settings.generalOpensAt <= now and rcall("EXISTS", generalPreKey) == 1 then
    if settings.generalOpensAt > 0 then
      withoutCode = {}
      for _, user in ipairs(rcall("ZRANGE", generalPreKey, 0, -1)) do
        withoutCode[user] = true
      end
    end
    rcall("ZUNIONSTORE", preKey, 2, preKey, generalPreKey, "AGGREGATE", "MIN")
    rcall("DEL", generalPreKey)
  end
  local members = rcall("ZRANGE", preKey, 0, -1)
  -- Kept for the public record: who was in the pre-queue, in the order they joined, and
  -- the order the shuffle gave them (docs/fairness.md, "What is published").
  local entrants = cjson.encode(members)
  fairShuffle(settings.shuffleSeed, members)
  rcall("HSET", stateKey, "fairEntrants", entrants, "fairLineOrder", cjson.encode(members))
  if withoutCode then
    local seq = num(rcall("HGET", stateKey, "seq"), 0)
    for i = 1, #members do
      if withoutCode[members[i]] then
        rcall("HSET", stateKey, "generalFromSeq", seq + i)
        break
      end
    end
  end
  appendShuffled(members, now)
  rcall("HSET", stateKey, "opened", "1", "openedAt", now)
  rcall("DEL", preKey)
  return #members
end

-- The general sale after a presale opens as the sale itself did: whichever script first
-- runs after generalOpensAt shuffles the general pre-queue (buyers without a code who came
-- in its lead window) exactly once, with a second seed committed with the first, and
-- appends it behind everyone already in the line: the presale's buyers came earlier, with
-- a right to be earlier. Never before the first opening, so that round always stands
-- ahead. A presale the organizer removed (generalOpensAt 0) after the opening makes the
-- next script give a waiting general pre-queue this same round, shuffled with the second
-- seed and placed behind everyone in line: in line, not admitted (before the opening,
-- openSaleIfDue takes it into its own round instead).
-- Returns the number moved into the line, or -1 if nothing was due.
-- `known` may carry the state's flags as booleans: {opened, generalOpened}.
local function openGeneralSaleIfDue(settings, now, known)
  if not settings.known or settings.saleStatus ~= "PUBLISHED" or now < settings.generalOpensAt then
    return -1
  end
  if settings.generalShuffleSeed == "" then
    return -1
  end
  known = known or {}
  local opened, generalOpened = known.opened, known.generalOpened
  if opened == nil or generalOpened == nil then
    local flags = rcall("HMGET", stateKey, "opened", "generalOpened")
    opened, generalOpened = flags[1] == "1", flags[2] == "1"
  end
  if not opened or generalOpened then
    return -1
  end
  -- A sale without a presale has no general round: nothing is written for it.
  if settings.generalOpensAt <= 0 and rcall("ZCARD", generalPreKey) == 0 then
    return -1
  end
  -- As at the opening: entrants are exactly the buyers still waiting.
  dropAbandoned(now, -1)
  local members = rcall("ZRANGE", generalPreKey, 0, -1)
  local entrants = cjson.encode(members)
  fairShuffle(settings.generalShuffleSeed, members)
  -- generalFromSeq: the first place of this round; should the organizer move the general
  -- sale later after it opened, admissions stop there until the new time (admitFromHead).
  -- An opening that already took this round's buyers set it at the first of them, ahead of
  -- this (then empty) round: kept, so they pause too.
  rcall("HSET", stateKey, "generalEntrants", entrants, "generalLineOrder", cjson.encode(members))
  rcall("HSETNX", stateKey, "generalFromSeq", num(rcall("HGET", stateKey, "seq"), 0) + 1)
  appendShuffled(members, now)
  rcall("HSET", stateKey, "generalOpened", "1", "generalOpenedAt", now)
  rcall("DEL", generalPreKey)
  if #members > 0 then
    rcall("HINCRBY", statsKey, "shuffled:general", #members)
  end
  return #members
end

-- A token bucket paces admissions at admitRate per second with at most one second of
-- burst, so a wave of expiries cannot send a crowd to the booking pages at once. The state's
-- "pace" field, written by the queue service's pace controller from the booking path's
-- measured latency, lowers the rate below the organizer's; absent, the rate is admitRate.
local function takeAdmissionTokens(settings, now, wanted)
  if settings.admitRate <= 0 or wanted <= 0 then
    return 0
  end
  local bucket = rcall("HMGET", stateKey, "bucketTokens", "bucketAt", "pace")
  local rate = settings.admitRate
  local pace = num(bucket[3], 0)
  if pace > 0 and pace < rate then
    rate = pace
  end
  local capacity = math.max(1, rate)
  local tokens = num(bucket[1], capacity)
  local elapsed = math.max(0, now - num(bucket[2], now))
  tokens = math.min(capacity, tokens + elapsed * rate / 1000)
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
  -- A general sale the organizer moved later after it opened: its round waits for the new
  -- time, as the whole line waits for a moved opening; the presale's buyers ahead go on.
  if now < settings.generalOpensAt and wanted > 0 then
    local from = rcall("HGET", stateKey, "generalFromSeq")
    if from then
      wanted = math.min(wanted, rcall("ZCOUNT", waitingKey, "-inf", "(" .. from))
    end
  end
  local count = takeAdmissionTokens(settings, now, wanted)
  if count <= 0 then
    return {}
  end
  local popped = rcall("ZPOPMIN", waitingKey, count)
  local claimBy = now + settings.claimWindowMs
  local admitted = {}
  local record = {}
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
    record[#record + 1] = "a:" .. seq .. ":" .. now
    lastSeq = seq
  end
  rcall("HSET", stateKey, "servedSeq", lastSeq)
  rcall("HINCRBY", stateKey, "admittedTotal", #admitted)
  rcall("HINCRBY", statsKey, "admitted", #admitted)
  appendRecord(record)
  -- The largest working set the sale ever had, for its fairness report.
  local activeNow = settings.maxActive - room + #admitted
  if activeNow > num(rcall("HGET", statsKey, "activeMax"), 0) then
    rcall("HSET", statsKey, "activeMax", activeNow)
  end
  return admitted
end
