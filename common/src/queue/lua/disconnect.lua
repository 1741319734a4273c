--[[
  A socket of a buyer closed. When it was the buyer's last, a waiting buyer keeps the place
  for the grace period; reconnecting (join.lua) within it cancels the countdown.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id

  Returns JSON:
    {status = "need_settings"} | {status = "connected", sockets = n}
    {status = "grace", until = ms} | {status = "gone"}
]]
-- @include "queue"

local user = ARGV[2]
local settings = readSettings()
if settings == nil then
  return cjson.encode({ status = "need_settings" })
end
local sockets = rcall("HINCRBY", connsKey, user, -1)
if sockets > 0 then
  return cjson.encode({ status = "connected", sockets = sockets })
end
rcall("HDEL", connsKey, user)
if rcall("ZSCORE", waitingKey, user) or rcall("ZSCORE", preKey, user)
  or rcall("ZSCORE", generalPreKey, user) then
  local graceEnds = nowMs() + settings.graceMs
  rcall("ZADD", goneKey, graceEnds, user)
  return cjson.encode({ status = "grace", ["until"] = graceEnds })
end
return cjson.encode({ status = "gone" })
