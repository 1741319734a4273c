--[[
  Stores a seat map built from PostgreSQL, unless the map changed while it was read.

  KEYS[1]  seatmap:{sch:<id>}:layout
  KEYS[2]  seatmap:{sch:<id>}:status
  KEYS[3]  seatmap:{sch:<id>}:version
  ARGV[1]  the version read before the database read ("" when there was none)
  ARGV[2]  build id (random)
  ARGV[3]  layout JSON
  ARGV[4]  version to start from when there is none (milliseconds since the epoch, so a
           rebuilt map never reuses an ETag a client may still hold)
  ARGV[5..] seatId, status value pairs of the seats that are not available

  Returns 1 stored, 2 another process stored it first, 0 the version moved during the
  read: a hold, release or sale raced the build, so the read may be stale; read again.
]]
if redis.call("EXISTS", KEYS[1]) == 1 then
  return 2
end
local current = redis.call("GET", KEYS[3]) or ""
if current ~= ARGV[1] then
  return 0
end
redis.call("DEL", KEYS[2])
for i = 5, #ARGV, 2000 do
  redis.call("HSET", KEYS[2], unpack(ARGV, i, math.min(i + 1999, #ARGV)))
end
redis.call("HSET", KEYS[1], "build", ARGV[2], "json", ARGV[3])
if current == "" then
  redis.call("SET", KEYS[3], ARGV[4])
else
  redis.call("INCR", KEYS[3])
end
return 1
