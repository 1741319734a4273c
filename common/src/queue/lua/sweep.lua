--[[
  Repairs what expiry notifications missed (they are fire-and-forget): frees every active
  entry whose deadline passed and whose grant no longer exists, and realigns entries whose
  grant is still alive.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] most entries to look at in this call

  Returns JSON: {checked = n, released = [user...] (absent when empty)}
]]
-- @include "queue"

local now = nowMs()
local overdue = rcall("ZRANGEBYSCORE", activeKey, "-inf", now, "LIMIT", 0, num(ARGV[2], 100))
local released = {}
for _, user in ipairs(overdue) do
  local grantKey = grantPrefix .. user
  local remaining = rcall("PTTL", grantKey)
  if remaining > 0 then
    rcall("ZADD", activeKey, "XX", now + remaining, user)
  else
    -- -2: gone. -1 (no TTL) cannot be written by these scripts; never let it pin a slot.
    rcall("DEL", grantKey)
    rcall("ZREM", activeKey, user)
    released[#released + 1] = user
  end
end
if #released > 0 then
  rcall("HINCRBY", statsKey, "released:expired", #released)
end
local result = { checked = #overdue }
if #released > 0 then
  result.released = released
end
return cjson.encode(result)
