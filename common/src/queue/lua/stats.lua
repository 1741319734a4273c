--[[
  Read-only figures of one queue for the organizer dashboard and metrics.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix (unused)

  Returns JSON: {progress (absent without settings), counters = {name = n, ...},
    pace (admissions per second the pace controller allows; absent when it has set none)}
]]
-- @include "queue"

local now = nowMs()
local settings = readSettings()
local counters = {}
local flat = rcall("HGETALL", statsKey)
for i = 1, #flat, 2 do
  counters[flat[i]] = tonumber(flat[i + 1])
end
local result = { counters = counters, pace = tonumber(rcall("HGET", stateKey, "pace")) }
if settings ~= nil then
  result.progress = progressSnapshot(settings, now)
end
return cjson.encode(result)
