--[[
  Takes sales off the list of due rounds once a ticker has handed them to the live queues'
  index, but only where the round's instant is still the one that was due: an organizer who
  moved it later meanwhile keeps the new instant listed.

  KEYS[1] the due rounds: sorted set, performance -> instant of its next round (ms)
  ARGV[1] the instant (ms) the caller listed due rounds up to
  ARGV[2..] the performances the caller handed over

  Returns how many were taken off.
]]
local dueUntil = tonumber(ARGV[1])
local removed = 0
for i = 2, #ARGV do
  local score = tonumber(redis.call("ZSCORE", KEYS[1], ARGV[i]))
  if score ~= nil and score <= dueUntil then
    removed = removed + redis.call("ZREM", KEYS[1], ARGV[i])
  end
end
return removed
