--[[
  Reads a schedule's cached seat map in one round trip, consistent with its version.

  KEYS[1]  seatmap:{sch:<id>}:layout   hash: build, json
  KEYS[2]  seatmap:{sch:<id>}:status   hash: seatId -> H:<reservationId> | S:<reservationId>
  KEYS[3]  seatmap:{sch:<id>}:version
  ARGV[1]  version the caller already has ("" for none): unchanged maps cost one GET
  ARGV[2]  layout build the caller already has parsed ("" for none)

  Returns
    { 0 }                                  no cached map (build it)
    { 3 }                                  the schedule does not exist (cached briefly)
    { 1, version }                         unchanged since ARGV[1]
    { 2, version, build, json|false, flat status hash }
                                           json is false when the build equals ARGV[2]
]]
local build = redis.call("HGET", KEYS[1], "build")
if not build then
  return { 0 }
end
if build == "-" then
  return { 3 }
end
local version = redis.call("GET", KEYS[3]) or "0"
if ARGV[1] ~= "" and version == ARGV[1] then
  return { 1, version }
end
local json = false
if build ~= ARGV[2] then
  json = redis.call("HGET", KEYS[1], "json")
end
return { 2, version, build, json, redis.call("HGETALL", KEYS[2]) }
