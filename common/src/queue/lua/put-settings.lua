--[[
  Replaces a queue's settings in one step, so no script ever reads half old, half new, and
  starts the admission pace in the same step when the queue has none: a script that ran
  between the settings and the pace would find a full bucket at the organizer's rate.

  KEYS[1] config hash of the queue
  KEYS[2] state hash of the queue
  ARGV[1] time to live in ms (settings are a cache of the database, refreshed while live)
  ARGV[2] start pace (admissions a second), "" for none
  ARGV[3] pace stepped at (ms), ARGV[4] pace cut at (ms): with a start pace only
  ARGV[5..] field, value, field, value...

  Returns 1 when it started the pace, else 0.
]]
redis.call("DEL", KEYS[1])
redis.call("HSET", KEYS[1], unpack(ARGV, 5))
redis.call("PEXPIRE", KEYS[1], ARGV[1])
if ARGV[2] == "" or redis.call("HEXISTS", KEYS[2], "pace") == 1 then
  return 0
end
redis.call("HSET", KEYS[2], "pace", ARGV[2], "paceSteppedAt", ARGV[3], "paceCutAt", ARGV[4])
return 1
