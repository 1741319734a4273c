--[[
  Joins buyers to a performance's queue, or tells a buyer already in it where they stand.
  Takes a batch of buyers of one sale and handles each exactly as if they had joined alone,
  one after the other in the order given: a buyer named twice in a batch is a rejoin the
  second time, and a line that fills up in the middle refuses the buyers after that point.
  Idempotent per user: a second tab, a reload or a reconnect keeps the original place.

  What a batch shares is read and written once for all its buyers: the clock, the settings,
  the opening check, whether each buyer is in the line or the working set, the counters,
  the tabs and the line's additions. A new buyer costs no call of their own; the rest
  (sequence numbers, the line's length, counters) is kept here and written at the end.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2..] three per buyer, in order:
          the user id;
          "1" if this is a newly connected socket of the user, else "0";
          "1" if the buyer came in with a presale code, else "0": during a presale a buyer
          without one waits for the general sale (its own pre-queue in the lead window)

  Returns a JSON array with one reply per buyer, in the order given, each:
    {status = "need_settings"}                       config missing: load it and retry
    {status = "refused", reason = REFUSAL_REASON}
    {status = "waiting", seq, position, rejoined, progress}
    {status = "pre", round = "opening" | "general", rejoined, progress}
    {status = "admitted", claimBy, rejoined, progress}
    {status = "active", expiresAt, extendable, rejoined, progress}
    {status = "error", message}                      this buyer's join failed in Redis
]]
-- @include "queue"
-- @include "admission"
-- @include "members"

local buyers = {}
for i = 2, #ARGV, 3 do
  buyers[#buyers + 1] = { user = ARGV[i], newConnection = ARGV[i + 1] == "1", presaleHolder = ARGV[i + 2] == "1" }
end

local now = nowMs()
local settings = readSettings()
if settings == nil then
  local replies = {}
  for i = 1, #buyers do
    replies[i] = '{"status":"need_settings"}'
  end
  return "[" .. table.concat(replies, ",") .. "]"
end
-- One read of the state serves the opening check and the progress snapshot: a buyer
-- joining at the back changes neither servedSeq, admittedTotal nor throughput.
local state = rcall("HMGET", stateKey, "opened", "servedSeq", "admittedTotal", "throughput", "markAt",
  "generalOpened", "seq", "generalFromSeq", "presalePendingUntil")
-- After the opening the pre-queue is empty for good (the shuffle moved it into the line
-- and a buyer joins it only before the opening); the general sale's likewise.
local openedNow = openSaleIfDue(settings, now, "", state[1]) >= 0
local opened = openedNow or state[1] == "1"
local generalOpenedNow = openGeneralSaleIfDue(settings, now,
  { opened = opened, generalOpened = state[6] == "1" }) >= 0
local generalOpened = generalOpenedNow or state[6] == "1"
local phase = salePhase(settings, now)
-- A presale being added (mark-presale-pending.lua) whose settings have not reached Redis
-- yet: a buyer without a code waits for it as during the presale, so the organizer's check
-- that nobody lined up without one stays true until the presale is in force.
local presalePending = settings.generalOpensAt <= 0 and num(state[9], 0) > now

-- What this script alone changes, kept here between buyers: nil means "read it when
-- needed" (after an admission, which changes several of them at once).
local cache = {
  served = { state[2], state[3], state[4], state[8] },
  markAt = state[5],
}
-- Drops the kept set sizes, to be read when next needed; a pre-queue whose sale opened
-- stays empty, so it is known without asking.
local function forgetCounts()
  cache.waiting, cache.preQueued, cache.generalPreQueued, cache.active = nil, nil, nil, nil
  if opened then
    cache.preQueued = 0
  end
  if generalOpened then
    cache.generalPreQueued = 0
  end
end
forgetCounts()
if openedNow or generalOpenedNow then
  -- An opening marks its own join time: read it afresh after one.
  cache.markAt = nil
end
-- An opening moves the sequence counter: after one, it is read afresh when needed.
local seq = nil
if not (openedNow or generalOpenedNow) then
  seq = num(state[7], 0)
end
local seqChanged = false
-- Line entries decided but not yet written: written before anything reads the line.
local pendingAdds = {}
-- Tabs counted (user -> sockets to add) and disconnect countdowns cancelled: nothing in a
-- join reads them, so they are written once, at the end.
local addedTabs, tabUsers = {}, {}
local backUsers = {}
local joins = 0
local refusals = {}

local function readServed()
  return rcall("HMGET", stateKey, "servedSeq", "admittedTotal", "throughput", "generalFromSeq")
end

-- A set's size, read on first need and kept in cache[field]; `unwritten` counts entries
-- decided here but not yet written to it.
local function cachedCount(field, key, unwritten)
  if cache[field] == nil then
    cache[field] = rcall("ZCARD", key) + unwritten
  end
  return cache[field]
end
local function waitingCount()
  return cachedCount("waiting", waitingKey, #pendingAdds / 2)
end
local function preCount()
  return cachedCount("preQueued", preKey, 0)
end
local function generalPreCount()
  return cachedCount("generalPreQueued", generalPreKey, 0)
end
local function activeCount()
  return cachedCount("active", activeKey, 0)
end

local function writePending()
  for i = 1, #pendingAdds, 1000 do
    rcall("ZADD", waitingKey, unpack(pendingAdds, i, math.min(i + 999, #pendingAdds)))
  end
  pendingAdds = {}
  if seqChanged then
    rcall("HSET", stateKey, "seq", seq)
    seqChanged = false
  end
end

local function countTab(user)
  if addedTabs[user] == nil then
    addedTabs[user] = 0
    tabUsers[#tabUsers + 1] = user
  end
  addedTabs[user] = addedTabs[user] + 1
end

local function writeTabs()
  if #tabUsers == 1 then
    rcall("HINCRBY", connsKey, tabUsers[1], addedTabs[tabUsers[1]])
  elseif #tabUsers > 1 then
    local current = rcall("HMGET", connsKey, unpack(tabUsers))
    local counts = {}
    for i, user in ipairs(tabUsers) do
      counts[#counts + 1] = user
      counts[#counts + 1] = num(current[i], 0) + addedTabs[user]
    end
    rcall("HSET", connsKey, unpack(counts))
    addedTabs, tabUsers = {}, {}
  end
  if #backUsers > 0 then
    rcall("ZREM", goneKey, unpack(backUsers))
    backUsers = {}
  end
end

local function nextSeq()
  if seq == nil then
    seq = num(rcall("HGET", stateKey, "seq"), 0)
  end
  seq = seq + 1
  seqChanged = true
  return seq
end

-- The progress in every reply, as JSON. Encoding a reply's tables costs more than the rest
-- of a join, so what the batch's replies share (everything but the four counts, which
-- change from buyer to buyer) is encoded once, and each reply's counts spliced in.
local sharedProgress = { served = nil, json = nil }
local function progressJson()
  if sharedProgress.served ~= cache.served then
    local progress = progressSnapshot(settings, now,
      { served = cache.served, waiting = 0, preQueued = 0, generalPreQueued = 0, active = 0 })
    progress.waiting, progress.preQueued, progress.generalPreQueued, progress.active = nil, nil, nil, nil
    sharedProgress.served = cache.served
    sharedProgress.json = string.sub(cjson.encode(progress), 2)
  end
  return '{"waiting":' .. waitingCount() .. ',"preQueued":' .. preCount() .. ',"generalPreQueued":'
    .. generalPreCount() .. ',"active":' .. activeCount() .. ',' .. sharedProgress.json
end

-- A reply: `fields` (never empty) with the progress added.
local function reply(fields)
  local json = cjson.encode(fields)
  return string.sub(json, 1, -2) .. ',"progress":' .. progressJson() .. '}'
end

-- Who the batch names, read in one call per set; valid for a buyer's first appearance
-- only (a buyer named again is read afresh: the first appearance may have changed them).
local users = {}
for i = 1, #buyers do
  users[i] = buyers[i].user
end
local function scores(key, wanted)
  if not wanted or #users == 0 then
    return {}
  end
  return rcall("ZMSCORE", key, unpack(users))
end
local inLine = scores(waitingKey, true)
local inActive = scores(activeKey, true)
local inPre = scores(preKey, not opened)
local inGeneralPre = scores(generalPreKey, not generalOpened)
local seen = {}

-- Where a buyer stands (memberState), from the batch's reads on a first appearance.
local function standing(index, user)
  if seen[user] then
    writePending()
    return memberState(user, opened, generalOpened)
  end
  -- A grant exists only beside an entry in the working set: admitFromHead writes both,
  -- and release, leave and sweep remove both in one script. A buyer outside it has none.
  if inActive[index] then
    local granted = grantState(user)
    if granted ~= nil then
      return granted
    end
  end
  -- No admission in this batch can have taken them from the line: one is made only when
  -- the line holds nobody but the buyer joining.
  if inLine[index] then
    return { status = "waiting", seq = tonumber(inLine[index]), position = rcall("ZRANK", waitingKey, user) + 1 }
  end
  if not opened and inPre[index] then
    return { status = "pre", round = "opening" }
  end
  if not generalOpened and inGeneralPre[index] then
    return { status = "pre", round = "general" }
  end
  return nil
end

local function joinOne(index, buyer)
  local user = buyer.user
  local member = standing(index, user)
  local firstAppearance = not seen[user]
  seen[user] = true
  if member ~= nil then
    if buyer.newConnection then
      countTab(user)
    end
    backUsers[#backUsers + 1] = user
    member.rejoined = true
    return reply(member)
  end
  -- No grant: an active entry left behind lapsed before the expiry notification or the
  -- sweeper got to it. Freeing it keeps a returning buyer from being counted twice
  -- (forgetLapsedGrant, without asking for the grant a second time).
  if (inActive[index] or not firstAppearance) and rcall("ZREM", activeKey, user) == 1 then
    rcall("HINCRBY", statsKey, "released:expired", 1)
    cache.active = nil
  end

  -- Without a code, a sale in its presale opens to this buyer at the general sale.
  local awaitsGeneralSale = not buyer.presaleHolder and now < settings.generalOpensAt
  local reason = nil
  if phase == "unknown" then
    reason = "UNKNOWN_PERFORMANCE"
  elseif phase == "closed" then
    reason = "SALE_CLOSED"
  elseif phase == "sold_out" then
    reason = "SOLD_OUT"
  elseif presalePending and not buyer.presaleHolder then
    reason = "NOT_OPEN_YET"
  elseif awaitsGeneralSale and now < settings.generalOpensAt - settings.preQueueLeadMs then
    reason = "NOT_OPEN_YET"
  elseif phase == "pre" and now < settings.opensAt - settings.preQueueLeadMs then
    reason = "NOT_OPEN_YET"
  elseif settings.refuseRatio > 0
      and waitingCount() + preCount() + generalPreCount() >= settings.refuseRatio * settings.unsoldSeats then
    reason = "LINE_FULL"
  end
  if reason ~= nil then
    refusals[reason] = (refusals[reason] or 0) + 1
    return cjson.encode({ status = "refused", reason = reason })
  end

  joins = joins + 1
  -- Not a cancelled disconnect: the disconnected set only ever holds buyers in the line or
  -- the pre-queue (disconnect.lua), and this buyer is in neither.
  if buyer.newConnection then
    countTab(user)
  end
  -- Once a pre-queue was shuffled into the line it is never shuffled again, so a buyer who
  -- comes while an opened sale waits for its moved opening (or general sale) joins the back
  -- of the line.
  if awaitsGeneralSale and not generalOpened then
    local before = generalPreCount()
    -- Both pre-queues number arrivals from one counter: should the opening take both in one
    -- round (openSaleIfDue), their union is in join order.
    rcall("ZADD", generalPreKey, rcall("HINCRBY", stateKey, "preSeq", 1), user)
    cache.generalPreQueued = before + 1
    return reply({ status = "pre", round = "general", rejoined = false })
  end
  if phase == "pre" and not opened then
    local before = preCount()
    rcall("ZADD", preKey, rcall("HINCRBY", stateKey, "preSeq", 1), user)
    cache.preQueued = before + 1
    return reply({ status = "pre", round = "opening", rejoined = false })
  end

  local waiting = waitingCount() + 1
  local mySeq = nextSeq()
  pendingAdds[#pendingAdds + 1] = mySeq
  pendingAdds[#pendingAdds + 1] = user
  cache.waiting = waiting
  if now - (tonumber(cache.markAt) or -1000) >= 1000 then
    markJoin(mySeq, now, cache.markAt)
    cache.markAt = now
  end
  -- Straight in only when nobody waits ahead: the tick admits everyone else in order.
  if waiting == 1 then
    writePending()
    if #admitFromHead(settings, now, 1) == 1 then
      cache.waiting, cache.active, cache.served = nil, nil, nil
      cache.served = readServed()
      local admitted = memberState(user)
      admitted.rejoined = false
      return reply(admitted)
    end
  end
  -- The sequence counter only grows, so this buyer holds the highest number in the line:
  -- everyone else in it is ahead, and the line's length is the exact position.
  return '{"status":"waiting","seq":' .. mySeq .. ',"position":' .. waiting .. ',"rejoined":false,"progress":'
    .. progressJson() .. '}'
end

local replies = {}
for index, buyer in ipairs(buyers) do
  local ok, answer = pcall(joinOne, index, buyer)
  if ok then
    replies[index] = answer
  else
    -- redis.call raises its errors as tables ({err = message}).
    local message = type(answer) == "table" and answer.err or tostring(answer)
    -- One buyer's failure is theirs alone: the others still get their answers. What this
    -- script kept in hand is read afresh, as the failed join may have stopped half-way.
    seen[buyer.user] = true
    writePending()
    forgetCounts()
    cache.served = readServed()
    replies[index] = cjson.encode({ status = "error", message = message })
  end
end
writePending()
writeTabs()
if joins > 0 then
  rcall("HINCRBY", statsKey, "joins", joins)
end
for reason, count in pairs(refusals) do
  rcall("HINCRBY", statsKey, "refused:" .. reason, count)
end
return "[" .. table.concat(replies, ",") .. "]"
