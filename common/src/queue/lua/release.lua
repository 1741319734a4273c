--[[
  Frees a buyer's working slot. Idempotent: of any number of callers (an expiry notification
  seen by every instance, the sweeper, a redelivered Kafka event) exactly one gets "released".

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id
  ARGV[3] reason: expired | confirmed | left | revoked. "expired" releases only a grant
          that no longer exists (a live one gets its deadline realigned instead).
  ARGV[4] admitted-before bound in ms, or "": a grant admitted later is a newer one, kept
  ARGV[5] token id, or "": release only the grant carrying this token

  Returns JSON:
    {status = "released", reason, tokenId?}   reason is "expired" when the grant had already
                                              lapsed; tokenId: the claimed grant's, when it
                                              still existed
    {status = "alive"} | {status = "stale"} | {status = "not_active"}
]]
-- @include "queue"

local user, reason = ARGV[2], ARGV[3]
local grantKey = grantPrefix .. user
local grant = rcall("HMGET", grantKey, "admittedAt", "jti")
local tokenId = nil
if grant[1] then
  if reason == "expired" then
    local remaining = rcall("PTTL", grantKey)
    if remaining > 0 then
      rcall("ZADD", activeKey, "XX", nowMs() + remaining, user)
      return cjson.encode({ status = "alive" })
    end
  end
  if ARGV[4] ~= "" and num(grant[1], 0) > num(ARGV[4], 0) then
    return cjson.encode({ status = "stale" })
  end
  if ARGV[5] ~= "" and grant[2] ~= ARGV[5] then
    return cjson.encode({ status = "stale" })
  end
  rcall("DEL", grantKey)
  if grant[2] and grant[2] ~= "" then
    tokenId = grant[2]
  end
else
  reason = "expired"
end
if rcall("ZREM", activeKey, user) == 0 then
  return cjson.encode({ status = "not_active" })
end
rcall("HINCRBY", statsKey, "released:" .. reason, 1)
return cjson.encode({ status = "released", reason = reason, tokenId = tokenId })
