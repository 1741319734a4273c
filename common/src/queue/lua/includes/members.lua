--[[
  Where a user stands in one queue. Needs includes/queue.lua.
]]

-- A grant is the hash at grantPrefix..user: state "pending" (admitted, not yet claimed) or
-- "claimed" (a working token was issued), expiring with the claim window or the token.
-- nil when the user holds none.
local function grantState(user)
  local grant = rcall("HMGET", grantPrefix .. user, "state", "claimBy", "expiresAt", "extended")
  if grant[1] == "claimed" then
    return { status = "active", expiresAt = num(grant[3], 0), extendable = grant[4] ~= "1" }
  end
  if grant[1] == "pending" then
    return { status = "admitted", claimBy = num(grant[2], 0) }
  end
  return nil
end

-- `opened`: the sale has opened, so the pre-queue is empty and need not be asked;
-- `generalOpened` likewise for the general sale's pre-queue.
local function memberState(user, opened, generalOpened)
  local granted = grantState(user)
  if granted ~= nil then
    return granted
  end
  local seq = rcall("ZSCORE", waitingKey, user)
  if seq then
    return { status = "waiting", seq = tonumber(seq), position = rcall("ZRANK", waitingKey, user) + 1 }
  end
  if not opened and rcall("ZSCORE", preKey, user) then
    return { status = "pre", round = "opening" }
  end
  if not generalOpened and rcall("ZSCORE", generalPreKey, user) then
    return { status = "pre", round = "general" }
  end
  return nil
end

-- An active entry whose grant is gone lapsed before the expiry notification or the sweeper
-- got to it. Freeing it here keeps a returning buyer from being counted twice.
local function forgetLapsedGrant(user)
  if rcall("EXISTS", grantPrefix .. user) == 0 and rcall("ZREM", activeKey, user) == 1 then
    rcall("HINCRBY", statsKey, "released:expired", 1)
  end
end
