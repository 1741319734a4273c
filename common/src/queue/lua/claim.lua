--[[
  An admitted buyer claims the working token. The claim window becomes the token's lifetime.
  Claiming again (another tab) answers the same token id and expiry.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id
  ARGV[3] token id to use if this is the first claim

  Returns JSON:
    {status = "need_settings"} | {status = "not_admitted"}
    {status = "claimed", tokenId, expiresAt, extendable}
]]
-- @include "queue"

local user = ARGV[2]
local now = nowMs()
local settings = readSettings()
if settings == nil then
  return cjson.encode({ status = "need_settings" })
end
local grantKey = grantPrefix .. user
local grant = rcall("HMGET", grantKey, "state", "jti", "expiresAt", "extended")
if grant[1] == "claimed" then
  return cjson.encode({ status = "claimed", tokenId = grant[2], expiresAt = num(grant[3], 0),
    extendable = grant[4] ~= "1" })
end
if grant[1] ~= "pending" then
  return cjson.encode({ status = "not_admitted" })
end
local expiresAt = now + settings.tokenTtlMs
rcall("HSET", grantKey, "state", "claimed", "jti", ARGV[3], "expiresAt", expiresAt, "claimedAt", now)
rcall("PEXPIRE", grantKey, settings.tokenTtlMs)
rcall("ZADD", activeKey, "XX", expiresAt, user)
rcall("HINCRBY", statsKey, "claimed", 1)
return cjson.encode({ status = "claimed", tokenId = ARGV[3], expiresAt = expiresAt, extendable = true })
