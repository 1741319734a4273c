--[[
  Marks a sale "presale pending" while the organizer's edit adding a presale commits, or
  takes the mark back. In one step with the check that nobody is in its line, so a join
  cannot slip between the check and the save: a buyer who joined before the mark makes the
  check fail, and a buyer without a code who comes after it is refused as during a presale
  (join.lua), until the settings carry the presale or the mark lapses.

  KEYS[1..10] config, state, stats, waiting, pre, active, gone, conns, record, generalPre
          (see includes/queue.lua)
  ARGV[1] grant key prefix (unused)
  ARGV[2] "mark": set the mark for ARGV[3] ms if the line is empty; "clear": take it back
  ARGV[3] how long the mark holds, ms: longer than the edit's transaction may take, so a
          mark left by an edit that died half-way lapses on its own
  ARGV[4] the edit's token: a mark is taken back only by the edit that set it (a failed edit
          must not lift the mark of another that committed); "" takes back any mark (the
          presale was removed, so no edit's mark is wanted any more)

  Returns JSON: {status = "marked"} | {status = "in_line", count} | {status = "cleared"}
]]
-- @include "queue"

if ARGV[2] == "clear" then
  if ARGV[4] == "" or rcall("HGET", stateKey, "presalePendingBy") == ARGV[4] then
    rcall("HDEL", stateKey, "presalePendingUntil", "presalePendingBy")
  end
  return cjson.encode({ status = "cleared" })
end
-- Everyone who lined up without a code counts, the working set too: one admitted but not
-- yet claimed would be refused at the claim.
local count = rcall("ZCARD", waitingKey) + rcall("ZCARD", preKey) + rcall("ZCARD", generalPreKey)
  + rcall("ZCARD", activeKey)
if count > 0 then
  return cjson.encode({ status = "in_line", count = count })
end
rcall("HSET", stateKey, "presalePendingUntil", nowMs() + num(ARGV[3], 0), "presalePendingBy", ARGV[4])
return cjson.encode({ status = "marked" })
