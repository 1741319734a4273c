--[[
  Where a buyer stands, without joining. Opens the sale (and the general sale after a
  presale) first if it is due, so a pre-queued buyer asking right after the opening learns
  the place the shuffle gave them.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] user id
  ARGV[3] unused (was a shuffle seed: the committed settings.shuffleSeed orders the pre-queue)

  Returns JSON:
    {status = "need_settings"} | {status = "not_in_queue"}
    {status = "waiting" | "pre" | "admitted" | "active", ..., progress} as join.lua
]]
-- @include "queue"
-- @include "admission"
-- @include "members"

local now = nowMs()
local settings = readSettings()
if settings == nil then
  return cjson.encode({ status = "need_settings" })
end
openSaleIfDue(settings, now, ARGV[3])
openGeneralSaleIfDue(settings, now)
local member = memberState(ARGV[2])
if member == nil then
  return cjson.encode({ status = "not_in_queue" })
end
member.rejoined = true
member.progress = progressSnapshot(settings, now)
return cjson.encode(member)
