import type { PrismaClient } from "../generated/client";
import { givePresaleUseBack } from "./give-presale-use-back";

/**
 * How far back the sweep looks: a report of a turn's end lost with its process, or read
 * a moment early on a clock behind the queue's, is caught within seconds; holds that end
 * later give their use back themselves (giveBackPresaleUseOfReservation).
 */
const LOOK_BACK_MS = 3_600_000;

/**
 * The worker's sweep after the queue's reports: uses of turns over (for at most an hour)
 * with nothing of them live or bought are given back. Answers how many came back.
 */
export async function giveBackEndedPresaleTurns(
  prisma: Pick<PrismaClient, "$transaction" | "$queryRaw">,
  { limit = 200, now = new Date() }: { limit?: number; now?: Date } = {},
): Promise<number> {
  const since = new Date(now.getTime() - LOOK_BACK_MS);
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT u.id::text AS id FROM presale_uses u
     WHERE u.returned_at IS NULL AND u.turn_ends_at > ${since} AND u.turn_ends_at <= now()
       AND NOT EXISTS (SELECT 1 FROM reservations r
                        WHERE r.presale_use_id = u.id AND reservation_keeps_presale_use(r))
     ORDER BY u.turn_ends_at
     LIMIT ${limit}`;
  let returned = 0;
  for (const { id } of due) {
    if (await prisma.$transaction((tx) => givePresaleUseBack(tx, { useId: id }))) returned++;
  }
  return returned;
}
