--[[
  Sliding-window rate limit (two fixed windows, weighted), one key pair per subject.

  KEYS[1]  counter of the current window   (e.g. rl:{signin:ip:1.2.3.4}:<window>)
  KEYS[2]  counter of the previous window
  ARGV[1]  limit: requests allowed per window
  ARGV[2]  window length in milliseconds
  ARGV[3]  position inside the current window in milliseconds

  Returns { allowed (1|0), remaining, retryAfterMs }.
  Denied requests are not counted, so a client that backs off is let in again.
]]
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local elapsed = tonumber(ARGV[3])

local current = tonumber(redis.call("GET", KEYS[1]) or "0")
local previous = tonumber(redis.call("GET", KEYS[2]) or "0")
local weighted = previous * (windowMs - elapsed) / windowMs + current

if weighted + 1 > limit then
  local retryAfter = windowMs - elapsed
  if previous > 0 then
    -- When the previous window's weight falls enough for one more request.
    local needed = weighted + 1 - limit
    retryAfter = math.min(retryAfter, math.ceil(needed * windowMs / previous))
  end
  return { 0, 0, retryAfter }
end

redis.call("INCR", KEYS[1])
redis.call("PEXPIRE", KEYS[1], windowMs * 2)
return { 1, math.floor(limit - weighted - 1), 0 }
