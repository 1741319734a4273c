--[[
  Releases a lock only if the caller still owns it (it may have expired and been taken
  by another process since).

  KEYS[1]  the lock key
  ARGV[1]  the owner token the lock was taken with

  Returns 1 released, 0 not the owner (or already gone).
]]
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0
