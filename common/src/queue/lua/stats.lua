--[[
  Read-only figures of one queue for the organizer dashboard and metrics.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix (unused)

  Returns JSON: {progress (absent without settings), counters = {name = n, ...},
    pace (admissions per second the pace controller allows; absent when it has set none),
    paused (with the progress: true once nobody waits ahead of a general round moved later)}
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
  -- Paused only once admission has reached the pause point: nobody left waiting ahead of
  -- the moved general round. Until then the presale's buyers ahead are still admitted, and
  -- a line that does not move then is stuck, not paused.
  local from = result.progress.pausedFromSeq
  result.paused = from > 0 and rcall("ZCOUNT", waitingKey, "-inf", "(" .. from) == 0
end
return cjson.encode(result)
