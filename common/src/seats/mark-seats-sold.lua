--[[
  Shows a confirmed reservation's seats as sold. Called after the database committed the
  sale, which is the truth: the seats are marked whatever the cache said before.

  KEYS[1]  seatmap:{sch:<id>}:layout     seats are written only while the map is cached
  KEYS[2]  seatmap:{sch:<id>}:status
  KEYS[3]  seatmap:{sch:<id>}:version
  KEYS[4]  hold:{sch:<id>}:<reservationId>        deleted, so no expiry event follows
  KEYS[5]  hold-seats:{sch:<id>}:<reservationId>  deleted
  ARGV[1]  reservation id
  ARGV[2..] seat ids

  Returns the number of seats marked (0 when the map is not cached: the next build reads
  the sale from PostgreSQL).
]]
local marked = 0
if redis.call("EXISTS", KEYS[1]) == 1 then
  local value = "S:" .. ARGV[1]
  for i = 2, #ARGV do
    redis.call("HSET", KEYS[2], ARGV[i], value)
    marked = marked + 1
  end
end
redis.call("DEL", KEYS[4], KEYS[5])
redis.call("INCR", KEYS[3])
return marked
