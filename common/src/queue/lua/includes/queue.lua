--[[
  Shared prelude of every queue script: key names, clock, settings and the sale phase.

  Every queue script takes the same ten KEYS, in this order (all share one hash tag):
    KEYS[1] config   hash: the performance's queue settings (written by put-settings.lua)
    KEYS[2] state    hash: sequence counters, served sequence, admission bucket and pace, flags
    KEYS[3] stats    hash: monotonic counters for metrics and the organizer dashboard
    KEYS[4] waiting  sorted set: user -> sequence number (FIFO order)
    KEYS[5] pre      sorted set: user -> arrival order, before the sale opens
    KEYS[6] active   sorted set: user -> deadline (claim window or token expiry), ms
    KEYS[7] gone     sorted set: disconnected waiting user -> end of grace period, ms
    KEYS[8] conns    hash: user -> connected sockets
    KEYS[9] record   list: the sale's record for its fairness report (appendRecord)
    KEYS[10] generalPre sorted set: user -> arrival order, buyers without a presale code
                     waiting for the general sale after a presale (openGeneralSaleIfDue)
  and ARGV[1], the prefix of per-user grant keys (same hash tag), as bullmq builds job keys.
]]
local rcall = redis.call
local configKey, stateKey, statsKey = KEYS[1], KEYS[2], KEYS[3]
local waitingKey, preKey, activeKey = KEYS[4], KEYS[5], KEYS[6]
local goneKey, connsKey, recordKey = KEYS[7], KEYS[8], KEYS[9]
local generalPreKey = KEYS[10]
local grantPrefix = ARGV[1]

-- Redis's clock, not the caller's: several instances then agree on every deadline.
local function nowMs()
  local time = rcall("TIME")
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- The sale's record, oldest first, from which its fairness report is computed
-- (docs/fairness.md, "The fairness report"): "a:<seq>:<ms>" for each admission, and
-- "j:<seq>:<ms>" each time a buyer joins the line at least a second after the last such
-- mark (so every join time is known to within a second at one entry per second). Capped so
-- a sale cannot grow it without bound; what is left out is counted in stats, and the report
-- says it is incomplete.
local RECORD_LIMIT = 500000
local function appendRecord(entries)
  if #entries == 0 then
    return
  end
  if rcall("LLEN", recordKey) + #entries > RECORD_LIMIT then
    rcall("HINCRBY", statsKey, "recordDropped", #entries)
    return
  end
  for i = 1, #entries, 1000 do
    rcall("RPUSH", recordKey, unpack(entries, i, math.min(i + 999, #entries)))
  end
end

-- Marks the time of a join to the line (see appendRecord); `lastMarkAt` is the state's
-- markAt field when the caller has read it already.
local function markJoin(seq, now, lastMarkAt)
  if lastMarkAt == nil then
    lastMarkAt = rcall("HGET", stateKey, "markAt")
  end
  if now - (tonumber(lastMarkAt) or -1000) >= 1000 then
    appendRecord({ "j:" .. seq .. ":" .. now })
    rcall("HSET", stateKey, "markAt", now)
  end
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
    -- 0: no presale, everyone buys from opensAt.
    generalOpensAt = num(raw.generalOpensAt, 0),
    generalShuffleSeed = raw.generalShuffleSeed or "",
  }
end

-- unknown | pre | open | sold_out | closed
-- Derived from the settings and the clock alone, as the catalog and the hold rule derive
-- theirs (web/src/server/performances/sale-phase.ts, create_holds_together): a sale that
-- opened and whose opening the organizer then moved later is "pre" again, so nobody is
-- admitted to holds that would be refused. Whether the pre-queue was already shuffled is
-- the state's "opened" flag, a separate fact (openSaleIfDue).
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
  if now < settings.opensAt then
    return "pre"
  end
  return "open"
end

-- The phase of a buyer without a presale code: before the general sale of a sale with a
-- presale it is "pre" for them while the presale's code holders buy; otherwise salePhase.
local function generalSalePhase(settings, now, phase)
  if phase == "open" and now < settings.generalOpensAt then
    return "pre"
  end
  return phase
end

-- What every waiter needs to derive its own position: pushed once per tick, never per waiter.
-- `known` may carry what the caller has just read (served: the state's servedSeq,
-- admittedTotal, throughput and generalFromSeq; the waiting, preQueued, generalPreQueued and
-- active counts), saving a call each.
local function progressSnapshot(settings, now, known)
  known = known or {}
  local state = known.served
    or rcall("HMGET", stateKey, "servedSeq", "admittedTotal", "throughput", "generalFromSeq")
  local phase = salePhase(settings, now)
  -- A general round whose sale the organizer moved later after it opened waits for the new
  -- instant, and so does everyone behind it (admitFromHead): said outright, so a code
  -- holder behind it is not left reading an open line that does not move.
  local pausedFromSeq = 0
  if now < settings.generalOpensAt then
    pausedFromSeq = num(state[4], 0)
  end
  return {
    phase = phase,
    servedSeq = num(state[1], 0),
    admittedTotal = num(state[2], 0),
    throughputPerSec = num(state[3], 0),
    waiting = known.waiting or rcall("ZCARD", waitingKey),
    preQueued = known.preQueued or rcall("ZCARD", preKey),
    active = known.active or rcall("ZCARD", activeKey),
    maxActive = settings.maxActive,
    admitRatePerSec = settings.admitRate,
    opensAt = settings.opensAt,
    closesAt = settings.closesAt,
    -- What a buyer without a presale code goes by (the same as phase and opensAt when the
    -- sale has no presale).
    generalPhase = generalSalePhase(settings, now, phase),
    generalOpensAt = math.max(settings.opensAt, settings.generalOpensAt),
    generalPreQueued = known.generalPreQueued or rcall("ZCARD", generalPreKey),
    pausedFromSeq = pausedFromSeq,
    at = now,
  }
end
