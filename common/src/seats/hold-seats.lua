--[[
  Holds seats for one reservation, all or nothing.

  KEYS[1]  seatmap:{sch:<id>}:layout       must exist (the status hash is complete)
  KEYS[2]  seatmap:{sch:<id>}:status
  KEYS[3]  seatmap:{sch:<id>}:version
  KEYS[4]  hold:{sch:<id>}:<reservationId>       created, expiring at ARGV[3]
  KEYS[5]  hold-seats:{sch:<id>}:<reservationId> created
  KEYS[6]  hold-buyer:{sch:<id>}:<userId>
  ARGV[1]  reservation id
  ARGV[2]  user id
  ARGV[3]  hold expiry, Unix time in milliseconds
  ARGV[4]  most open holds one buyer may have on this schedule
  ARGV[5]  prefix of hold keys (hold:{sch:<id>}:), to see which of the buyer's holds live
  ARGV[6..] seat ids

  Returns
    { 1 }                held
    { 0, seatId... }     these seats are held or sold already; nothing changed
    { -1 }               no cached seat map (build it, then retry)
    { -2 }               the buyer already has ARGV[4] open holds here
]]
if redis.call("EXISTS", KEYS[1]) == 0 then
  return { -1 }
end

-- Drop the buyer's holds that lapsed or ended since.
local open = 0
for _, reservation in ipairs(redis.call("SMEMBERS", KEYS[6])) do
  if redis.call("EXISTS", ARGV[5] .. reservation) == 1 then
    open = open + 1
  else
    redis.call("SREM", KEYS[6], reservation)
  end
end
if open >= tonumber(ARGV[4]) then
  return { -2 }
end

local taken = { 0 }
for i = 6, #ARGV do
  if redis.call("HEXISTS", KEYS[2], ARGV[i]) == 1 then
    taken[#taken + 1] = ARGV[i]
  end
end
if #taken > 1 then
  return taken
end

local value = "H:" .. ARGV[1]
local expireAt = tonumber(ARGV[3])
for i = 6, #ARGV do
  redis.call("HSET", KEYS[2], ARGV[i], value)
  redis.call("SADD", KEYS[5], ARGV[i])
end
redis.call("SET", KEYS[4], ARGV[2], "PXAT", expireAt)
-- The seat list outlives the hold so whoever handles the expiry can still read it.
redis.call("PEXPIREAT", KEYS[5], expireAt + 86400000)
redis.call("SADD", KEYS[6], ARGV[1])
redis.call("PEXPIREAT", KEYS[6], expireAt)
redis.call("INCR", KEYS[3])
return { 1 }
