--[[
  Shared prelude of every queue script: key names, clock, settings and the sale phase.

  Every queue script takes the same eight KEYS, in this order (all share one hash tag):
    KEYS[1] config   hash: the performance's queue settings (written by put-settings.lua)
    KEYS[2] state    hash: sequence counters, served sequence, admission bucket, flags
    KEYS[3] stats    hash: monotonic counters for metrics and the organizer dashboard
    KEYS[4] waiting  sorted set: user -> sequence number (FIFO order)
    KEYS[5] pre      sorted set: user -> arrival order, before the sale opens
    KEYS[6] active   sorted set: user -> deadline (claim window or token expiry), ms
    KEYS[7] gone     sorted set: disconnected waiting user -> end of grace period, ms
    KEYS[8] conns    hash: user -> connected sockets
  and ARGV[1], the prefix of per-user grant keys (same hash tag), as bullmq builds job keys.
]]
local rcall = redis.call
local configKey, stateKey, statsKey = KEYS[1], KEYS[2], KEYS[3]
local waitingKey, preKey, activeKey = KEYS[4], KEYS[5], KEYS[6]
local goneKey, connsKey = KEYS[7], KEYS[8]
local grantPrefix = ARGV[1]

-- Redis's clock, not the caller's: several instances then agree on every deadline.
local function nowMs()
  local time = rcall("TIME")
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function num(value, fallback)
  local parsed = tonumber(value)
  if parsed == nil then
    return fallback
  end
  return parsed
end

local function readSettings()
  local flat = rcall("HGETALL", configKey)
  if #flat == 0 then
    return nil
  end
  local raw = {}
  for i = 1, #flat, 2 do
    raw[flat[i]] = flat[i + 1]
  end
  return {
    known = raw.known == "1",
    saleStatus = raw.saleStatus or "",
    opensAt = num(raw.opensAt, 0),
    closesAt = num(raw.closesAt, 0),
    maxActive = num(raw.maxActive, 0),
    admitRate = num(raw.admitRate, 0),
    tokenTtlMs = num(raw.tokenTtlMs, 0),
    refuseRatio = num(raw.refuseRatio, 0),
    unsoldSeats = num(raw.unsoldSeats, 0),
    claimWindowMs = num(raw.claimWindowMs, 0),
    graceMs = num(raw.graceMs, 0),
    preQueueLeadMs = num(raw.preQueueLeadMs, 0),
    loadedAt = num(raw.loadedAt, 0),
    shuffleSeed = raw.shuffleSeed or "",
  }
end

-- unknown | pre | open | sold_out | closed
local function salePhase(settings, now)
  if not settings.known or settings.saleStatus == "DRAFT" then
    return "unknown"
  end
  if settings.saleStatus == "CLOSED" or now >= settings.closesAt then
    return "closed"
  end
  if settings.unsoldSeats <= 0 then
    return "sold_out"
  end
  if now < settings.opensAt and rcall("HGET", stateKey, "opened") ~= "1" then
    return "pre"
  end
  return "open"
end

-- What every waiter needs to derive its own position: pushed once per tick, never per waiter.
-- `known` may carry what the caller has just read (served: the state's servedSeq,
-- admittedTotal and throughput; the waiting and preQueued counts), saving a call each.
local function progressSnapshot(settings, now, known)
  known = known or {}
  local state = known.served or rcall("HMGET", stateKey, "servedSeq", "admittedTotal", "throughput")
  return {
    phase = salePhase(settings, now),
    servedSeq = num(state[1], 0),
    admittedTotal = num(state[2], 0),
    throughputPerSec = num(state[3], 0),
    waiting = known.waiting or rcall("ZCARD", waitingKey),
    preQueued = known.preQueued or rcall("ZCARD", preKey),
    active = rcall("ZCARD", activeKey),
    maxActive = settings.maxActive,
    admitRatePerSec = settings.admitRate,
    opensAt = settings.opensAt,
    closesAt = settings.closesAt,
    at = now,
  }
end
