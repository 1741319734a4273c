import type { Prisma } from "../../generated/client";
import { announceConfirmed } from "./announce-confirmed";
import type { LockedReservation } from "./lock-reservation";

/**
 * Its payment arrived after the hold lapsed (EXPIRED or FAILED): it is sold all the same
 * (→ CONFIRMED, reservation.confirmed to the outbox) when every seat is still free, since
 * the buyer paid for those seats and nobody else has them. False when a seat was taken
 * meanwhile; then nothing changed (the database function revive_paid_reservation decides
 * in one statement, by the double-sale index). A presale use given back at the lapse is
 * taken again.
 */
export async function reviveLapsedReservation(
  tx: Prisma.TransactionClient,
  reservation: Pick<LockedReservation, "id" | "userId" | "scheduleId" | "performanceId">,
): Promise<boolean> {
  const [revived] = await tx.$queryRaw<{ revived: boolean }[]>`
    SELECT revive_paid_reservation(${reservation.id}::uuid) AS revived`;
  if (!revived?.revived) return false;
  // A presale turn whose use came back when this hold lapsed has bought after all: its use
  // is spent again. The money is taken, so this never refuses: if the use went to someone
  // else meanwhile, the count stays at the code's limit (its CHECK) rather than failing.
  await tx.$executeRaw`
    WITH taken AS (
      UPDATE presale_uses u SET returned_at = NULL
        FROM reservations r
       WHERE r.id = ${reservation.id}::uuid AND u.id = r.presale_use_id
         AND u.returned_at IS NOT NULL
      RETURNING u.code_id)
    UPDATE presale_codes c SET uses = least(c.uses + 1, c.use_limit)
      FROM taken WHERE c.id = taken.code_id`;
  await announceConfirmed(tx, reservation);
  return true;
}
