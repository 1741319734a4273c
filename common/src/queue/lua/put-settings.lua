--[[
  Replaces a queue's settings in one step, so no script ever reads half old, half new.

  KEYS[1] config hash of the queue
  ARGV[1] time to live in ms (settings are a cache of the database, refreshed while live)
  ARGV[2..] field, value, field, value...

  Returns 1.
]]
redis.call("DEL", KEYS[1])
redis.call("HSET", KEYS[1], unpack(ARGV, 2))
redis.call("PEXPIRE", KEYS[1], ARGV[1])
return 1
