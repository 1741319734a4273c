--[[
  Extends a claimed working token once, by one more token lifetime.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id
  ARGV[3] "check": change nothing, answer what an extension would be ({status =
          "extendable", tokenId, expiresAt}), so the caller can pay for it first

  Returns JSON:
    {status = "need_settings"} | {status = "not_admitted"} | {status = "not_claimed"}
    {status = "already_extended"}
    {status = "extended", tokenId, expiresAt} | {status = "extendable", tokenId, expiresAt}
]]
-- @include "queue"

local user = ARGV[2]
local settings = readSettings()
if settings == nil then
  return cjson.encode({ status = "need_settings" })
end
local grantKey = grantPrefix .. user
local grant = rcall("HMGET", grantKey, "state", "jti", "expiresAt", "extended")
if grant[1] == "pending" then
  return cjson.encode({ status = "not_claimed" })
end
if grant[1] ~= "claimed" then
  return cjson.encode({ status = "not_admitted" })
end
if grant[4] == "1" then
  return cjson.encode({ status = "already_extended" })
end
local expiresAt = num(grant[3], 0) + settings.tokenTtlMs
if ARGV[3] == "check" then
  return cjson.encode({ status = "extendable", tokenId = grant[2], expiresAt = expiresAt })
end
rcall("HSET", grantKey, "extended", "1", "expiresAt", expiresAt)
rcall("PEXPIREAT", grantKey, expiresAt)
rcall("ZADD", activeKey, "XX", expiresAt, user)
rcall("HINCRBY", statsKey, "extended", 1)
return cjson.encode({ status = "extended", tokenId = grant[2], expiresAt = expiresAt })
