import type { PrismaClient } from "../generated/client";
import { endedPresaleTurnsSql } from "./ended-presale-turns-sql";
import { givePresaleUseBack } from "./give-presale-use-back";

/**
 * The worker's sweep after the queue's reports: a report of a turn's end lost with its
 * process (or read a moment early on a clock behind the queue's), however long ago, is
 * caught here; holds that end later give their use back themselves
 * (giveBackPresaleUseOfReservation). First, ended turns that bought something are marked
 * kept (kept_at): a bought hold keeps its use for good (reservation_keeps_presale_use), so
 * such a use leaves the sweep's index and is never read again. Then uses of turns over
 * with nothing of them live or bought are given back. Answers how many came back.
 *
 * The mark skips rows another transaction holds (a hold being written in the turn holds
 * its use FOR SHARE, a give-back FOR UPDATE): it waits for none, so it joins no lock
 * cycle, and the next sweep marks what it skipped.
 */
export async function giveBackEndedPresaleTurns(
  prisma: Pick<PrismaClient, "$transaction" | "$queryRaw" | "$executeRaw">,
  { limit = 200 }: { limit?: number } = {},
): Promise<number> {
  await prisma.$executeRaw`
    UPDATE presale_uses SET kept_at = now()
     WHERE id IN (SELECT u.id FROM presale_uses u
                   WHERE u.returned_at IS NULL AND u.kept_at IS NULL
                     AND u.turn_ends_at IS NOT NULL AND u.turn_ends_at <= now()
                     AND EXISTS (SELECT 1 FROM reservations r
                                  WHERE r.presale_use_id = u.id AND r.confirmed_at IS NOT NULL)
                   ORDER BY u.turn_ends_at
                   LIMIT ${limit}
                     FOR UPDATE SKIP LOCKED)`;
  const due = await prisma.$queryRaw<{ id: string }[]>(endedPresaleTurnsSql({ limit }));
  let returned = 0;
  for (const { id } of due) {
    if (await prisma.$transaction((tx) => givePresaleUseBack(tx, { useId: id }))) returned++;
  }
  return returned;
}
