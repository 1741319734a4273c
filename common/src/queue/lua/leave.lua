--[[
  A buyer leaves: out of the line, or out of the working set (which frees the slot).

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id

  Returns JSON: {status = "left", from = "waiting" | "pre" | "active", tokenId?}
    | {status = "not_in_queue"}
    tokenId: the working token's id, when the buyer left a claimed turn
]]
-- @include "queue"

local user = ARGV[2]
local grantKey = grantPrefix .. user
local from = nil
local tokenId = nil
if rcall("ZREM", waitingKey, user) == 1 then
  from = "waiting"
elseif rcall("ZREM", preKey, user) == 1 or rcall("ZREM", generalPreKey, user) == 1 then
  from = "pre"
else
  tokenId = rcall("HGET", grantKey, "jti")
  if rcall("DEL", grantKey) == 1 then
    from = "active"
  end
end
local freedSlot = rcall("ZREM", activeKey, user) == 1
rcall("ZREM", goneKey, user)
rcall("HDEL", connsKey, user)
if from == nil then
  if freedSlot then
    rcall("HINCRBY", statsKey, "released:expired", 1)
  end
  return cjson.encode({ status = "not_in_queue" })
end
if from == "active" then
  rcall("HINCRBY", statsKey, "released:left", 1)
else
  rcall("HINCRBY", statsKey, "left", 1)
end
if tokenId == false or tokenId == "" then
  tokenId = nil
end
return cjson.encode({ status = "left", from = from, tokenId = tokenId })
