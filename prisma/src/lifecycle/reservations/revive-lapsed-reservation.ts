import type { Prisma } from "../../generated/client";
import { recountPresaleCodeUses } from "../../presale/recount-presale-code-uses";
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
  // else meanwhile, more uses are out than the code's limit, and the recount keeps the
  // count at the limit until enough of them come back.
  const taken = await tx.$queryRaw<{ code_id: string }[]>`
    UPDATE presale_uses u SET returned_at = NULL
      FROM reservations r
     WHERE r.id = ${reservation.id}::uuid AND u.id = r.presale_use_id
       AND u.returned_at IS NOT NULL
    RETURNING u.code_id::text AS code_id`;
  for (const { code_id: codeId } of taken) await recountPresaleCodeUses(tx, { codeId });
  await announceConfirmed(tx, reservation);
  return true;
}
