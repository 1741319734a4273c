--[[
  One tick of a queue: nudge Redis to expire overdue grants, drop waiters whose grace ran
  out, open the sale if due, admit from the head while the working set has room and the
  pace allows. Several instances tick every queue; the interval check makes only the first
  caller in each interval do the work.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix
  ARGV[2] unused (was a shuffle seed: the committed settings.shuffleSeed orders the pre-queue)
  ARGV[3] minimum milliseconds since the previous advance
  ARGV[4] most admissions in this call (bounds the script's run time)

  Returns JSON:
    {status = "need_settings"} | {status = "skipped"}
    {status = "advanced", progress, settingsLoadedAt, opened = bool, generalOpened = bool,
     abandoned = n, admitted = [user...] (absent when empty), claimBy}
    opened / generalOpened: this call shuffled the pre-queue / the general sale's into the line
]]
-- @include "queue"
-- @include "admission"

local now = nowMs()
local settings = readSettings()
if settings == nil then
  return cjson.encode({ status = "need_settings" })
end
local state = rcall("HMGET", stateKey, "lastAdvanceAt", "admittedAtLastAdvance", "throughput")
local lastAdvanceAt = num(state[1], 0)
if now - lastAdvanceAt < num(ARGV[3], 0) then
  return cjson.encode({ status = "skipped" })
end

-- Redis sends "expired" only when it deletes a key, and its background expiry can lag far
-- behind the TTL while many keys are volatile. Touching each overdue grant makes Redis expire
-- it now and send the notification that frees the slot (the sweeper covers if they are off).
for _, user in ipairs(rcall("ZRANGEBYSCORE", activeKey, "-inf", now, "LIMIT", 0, 100)) do
  rcall("EXISTS", grantPrefix .. user)
end

-- Abandoned buyers go first, so a shuffle due now takes exactly the buyers still waiting
-- (the openings also drop any left beyond this call's bound).
local abandoned = dropAbandoned(now, 1000)
local shuffled = openSaleIfDue(settings, now, ARGV[2])
local generalShuffled = openGeneralSaleIfDue(settings, now)
local admitted = admitFromHead(settings, now, num(ARGV[4], 0))

-- Measured throughput (joins admitted straight away included), smoothed over ~10 s, for
-- waiters' wait estimates: the configured rate is only an upper bound.
local admittedTotal = num(rcall("HGET", stateKey, "admittedTotal"), 0)
local throughput = num(state[3], 0)
if lastAdvanceAt > 0 then
  local elapsed = math.max(1, now - lastAdvanceAt)
  local sample = (admittedTotal - num(state[2], 0)) * 1000 / elapsed
  throughput = throughput + (1 - math.exp(-elapsed / 10000)) * (sample - throughput)
end
rcall("HSET", stateKey, "lastAdvanceAt", now, "admittedAtLastAdvance", admittedTotal,
  "throughput", tostring(throughput))

local result = {
  status = "advanced",
  progress = progressSnapshot(settings, now),
  settingsLoadedAt = settings.loadedAt,
  opened = shuffled >= 0,
  generalOpened = generalShuffled >= 0,
  abandoned = abandoned,
}
if #admitted > 0 then
  result.admitted = admitted
  result.claimBy = now + settings.claimWindowMs
end
return cjson.encode(result)
