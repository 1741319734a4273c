--[[
  Gives a reservation's seats back in the cache: on release by the buyer, on undo of a
  hold whose database write failed, on expiry and on refund. Compare-and-delete: a seat
  is freed only while it still belongs to this reservation, so a late call can never
  free a seat that someone else holds by now.

  KEYS[1]  seatmap:{sch:<id>}:layout
  KEYS[2]  seatmap:{sch:<id>}:status
  KEYS[3]  seatmap:{sch:<id>}:version
  KEYS[4]  hold:{sch:<id>}:<reservationId>        deleted (no expiry event follows)
  KEYS[5]  hold-seats:{sch:<id>}:<reservationId>  read when no seat ids are given, deleted
  ARGV[1]  reservation id
  ARGV[2..] seat ids (optional; default: the members of KEYS[5])

  Returns the seat ids that were freed. The version is bumped even when the map is not
  cached, so that a build racing this call notices and reads again.
]]
local seats = {}
if #ARGV > 1 then
  for i = 2, #ARGV do
    seats[#seats + 1] = ARGV[i]
  end
else
  seats = redis.call("SMEMBERS", KEYS[5])
end

local freed = {}
local held = "H:" .. ARGV[1]
local sold = "S:" .. ARGV[1]
for _, seat in ipairs(seats) do
  local value = redis.call("HGET", KEYS[2], seat)
  if value == held or value == sold then
    redis.call("HDEL", KEYS[2], seat)
    freed[#freed + 1] = seat
  end
end
redis.call("DEL", KEYS[4], KEYS[5])
redis.call("INCR", KEYS[3])
return freed
