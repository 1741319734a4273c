--[[
  Joins a buyer to a performance's queue, or tells a buyer already in it where they stand.
  Idempotent per user: a second tab, a reload or a reconnect keeps the original place.

  KEYS[1..8] config, state, stats, waiting, pre, active, gone, conns (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id
  ARGV[3] unused (was a shuffle seed: the committed settings.shuffleSeed orders the pre-queue)
  ARGV[4] "1" if this is a newly connected socket of the user, else "0"

  Returns JSON:
    {status = "need_settings"}                       config missing: load it and retry
    {status = "refused", reason = REFUSAL_REASON}
    {status = "waiting", seq, position, rejoined, progress}
    {status = "pre", rejoined, progress}
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
openSaleIfDue(settings, now, ARGV[3])

local function markConnected()
  if ARGV[4] == "1" then
    rcall("HINCRBY", connsKey, user, 1)
  end
  rcall("ZREM", goneKey, user)
end

local member = memberState(user)
if member ~= nil then
  markConnected()
  member.rejoined = true
  member.progress = progressSnapshot(settings, now)
  return cjson.encode(member)
end
forgetLapsedGrant(user)

local phase = salePhase(settings, now)
local reason = nil
if phase == "unknown" then
  reason = "UNKNOWN_PERFORMANCE"
elseif phase == "closed" then
  reason = "SALE_CLOSED"
elseif phase == "sold_out" then
  reason = "SOLD_OUT"
elseif phase == "pre" and now < settings.opensAt - settings.preQueueLeadMs then
  reason = "NOT_OPEN_YET"
elseif settings.refuseRatio > 0
  and rcall("ZCARD", waitingKey) + rcall("ZCARD", preKey) >= settings.refuseRatio * settings.unsoldSeats then
  reason = "LINE_FULL"
end
if reason ~= nil then
  rcall("HINCRBY", statsKey, "refused:" .. reason, 1)
  return cjson.encode({ status = "refused", reason = reason })
end

rcall("HINCRBY", statsKey, "joins", 1)
markConnected()
if phase == "pre" then
  rcall("ZADD", preKey, rcall("HINCRBY", stateKey, "preSeq", 1), user)
else
  rcall("ZADD", waitingKey, rcall("HINCRBY", stateKey, "seq", 1), user)
  -- Straight in only when nobody waits ahead: the tick admits everyone else in order.
  if rcall("ZCARD", waitingKey) == 1 then
    admitFromHead(settings, now, 1)
  end
end
local joined = memberState(user)
joined.rejoined = false
joined.progress = progressSnapshot(settings, now)
return cjson.encode(joined)
