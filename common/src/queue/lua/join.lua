--[[
  Joins a buyer to a performance's queue, or tells a buyer already in it where they stand.
  Idempotent per user: a second tab, a reload or a reconnect keeps the original place.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id
  ARGV[3] unused (was a shuffle seed: the committed settings.shuffleSeed orders the pre-queue)
  ARGV[4] "1" if this is a newly connected socket of the user, else "0"
  ARGV[5] "1" if the buyer came in with a presale code, else "0": during a presale a buyer
          without one waits for the general sale (its own pre-queue in the lead window)

  Returns JSON:
    {status = "need_settings"}                       config missing: load it and retry
    {status = "refused", reason = REFUSAL_REASON}
    {status = "waiting", seq, position, rejoined, progress}
    {status = "pre", round = "opening" | "general", rejoined, progress}
    {status = "admitted", claimBy, rejoined, progress}
    {status = "active", expiresAt, extendable, rejoined, progress}
]]
-- @include "queue"
-- @include "admission"
-- @include "members"

local user = ARGV[2]
local now = nowMs()
local settings = readSettings()
if settings == nil then
  return cjson.encode({ status = "need_settings" })
end
-- One read of the state serves the opening check and the progress snapshot: a buyer
-- joining at the back changes neither servedSeq, admittedTotal nor throughput.
local state = rcall("HMGET", stateKey, "opened", "servedSeq", "admittedTotal", "throughput", "markAt",
  "generalOpened", "generalFromSeq")
local served = { state[2], state[3], state[4], state[7] }
-- After the opening the pre-queue is empty for good (the shuffle moved it into the line
-- and a buyer joins it only before the opening); the general sale's likewise.
local opened = openSaleIfDue(settings, now, ARGV[3], state[1]) >= 0 or state[1] == "1"
local generalOpened = openGeneralSaleIfDue(settings, now,
  { opened = opened, generalOpened = state[6] == "1" }) >= 0 or state[6] == "1"

local function markConnected()
  if ARGV[4] == "1" then
    rcall("HINCRBY", connsKey, user, 1)
  end
  rcall("ZREM", goneKey, user)
end

local member = memberState(user, opened, generalOpened)
if member ~= nil then
  markConnected()
  member.rejoined = true
  member.progress = progressSnapshot(settings, now)
  return cjson.encode(member)
end
-- memberState found no grant: an active entry left behind lapsed before the expiry
-- notification or the sweeper got to it. Freeing it keeps a returning buyer from being
-- counted twice (forgetLapsedGrant, without asking for the grant a second time).
if rcall("ZREM", activeKey, user) == 1 then
  rcall("HINCRBY", statsKey, "released:expired", 1)
end

local phase = salePhase(settings, now)
-- Without a code, a sale in its presale opens to this buyer at the general sale.
local awaitsGeneralSale = ARGV[5] ~= "1" and now < settings.generalOpensAt
local reason = nil
local preQueued = nil
local generalPreQueued = nil
if opened then
  preQueued = 0
end
if generalOpened then
  generalPreQueued = 0
end
if phase == "unknown" then
  reason = "UNKNOWN_PERFORMANCE"
elseif phase == "closed" then
  reason = "SALE_CLOSED"
elseif phase == "sold_out" then
  reason = "SOLD_OUT"
elseif awaitsGeneralSale and now < settings.generalOpensAt - settings.preQueueLeadMs then
  reason = "NOT_OPEN_YET"
elseif phase == "pre" and now < settings.opensAt - settings.preQueueLeadMs then
  reason = "NOT_OPEN_YET"
elseif settings.refuseRatio > 0 then
  preQueued = preQueued or rcall("ZCARD", preKey)
  generalPreQueued = generalPreQueued or rcall("ZCARD", generalPreKey)
  if rcall("ZCARD", waitingKey) + preQueued + generalPreQueued
      >= settings.refuseRatio * settings.unsoldSeats then
    reason = "LINE_FULL"
  end
end
if reason ~= nil then
  rcall("HINCRBY", statsKey, "refused:" .. reason, 1)
  return cjson.encode({ status = "refused", reason = reason })
end

rcall("HINCRBY", statsKey, "joins", 1)
-- Not markConnected: the disconnected set only ever holds buyers in the line or the
-- pre-queue (disconnect.lua), and this buyer is in neither, so there is nothing to cancel.
if ARGV[4] == "1" then
  rcall("HINCRBY", connsKey, user, 1)
end
-- Once a pre-queue was shuffled into the line it is never shuffled again, so a buyer who
-- comes while an opened sale waits for its moved opening (or general sale) joins the back
-- of the line.
-- Both pre-queues number arrivals from one counter: should the opening take both in one
-- round (openSaleIfDue), their union is in join order.
if awaitsGeneralSale and not generalOpened then
  rcall("ZADD", generalPreKey, rcall("HINCRBY", stateKey, "preSeq", 1), user)
  return cjson.encode({ status = "pre", round = "general", rejoined = false,
    progress = progressSnapshot(settings, now) })
end
if phase == "pre" and not opened then
  rcall("ZADD", preKey, rcall("HINCRBY", stateKey, "preSeq", 1), user)
  return cjson.encode({ status = "pre", round = "opening", rejoined = false,
    progress = progressSnapshot(settings, now) })
end

local seq = rcall("HINCRBY", stateKey, "seq", 1)
rcall("ZADD", waitingKey, seq, user)
markJoin(seq, now, state[5])
local waiting = rcall("ZCARD", waitingKey)
-- Straight in only when nobody waits ahead: the tick admits everyone else in order.
if waiting == 1 and #admitFromHead(settings, now, 1) == 1 then
  local admitted = memberState(user)
  admitted.rejoined = false
  admitted.progress = progressSnapshot(settings, now)
  return cjson.encode(admitted)
end
-- The sequence counter only grows, so this buyer holds the highest number in the line:
-- everyone else in it is ahead, and the line's length is the exact position.
return cjson.encode({
  status = "waiting",
  seq = seq,
  position = waiting,
  rejoined = false,
  progress = progressSnapshot(settings, now, { served = served, waiting = waiting, preQueued = preQueued,
    generalPreQueued = generalPreQueued }),
})
