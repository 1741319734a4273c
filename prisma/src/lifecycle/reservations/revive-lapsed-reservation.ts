import type { Prisma } from "../../generated/client";
import { announceConfirmed } from "./announce-confirmed";
import type { LockedReservation } from "./lock-reservation";

/**
 * Its payment arrived after the hold lapsed (EXPIRED or FAILED): it is sold all the same
 * (→ CONFIRMED, reservation.confirmed to the outbox) when every seat is still free, since
 * the buyer paid for those seats and nobody else has them. False when a seat was taken
 * meanwhile; then nothing changed (the database function revive_paid_reservation decides
 * in one statement, by the double-sale index).
 */
export async function reviveLapsedReservation(
  tx: Prisma.TransactionClient,
  reservation: Pick<LockedReservation, "id" | "userId" | "scheduleId" | "performanceId">,
): Promise<boolean> {
  const [revived] = await tx.$queryRaw<{ revived: boolean }[]>`
    SELECT revive_paid_reservation(${reservation.id}::uuid) AS revived`;
  if (!revived?.revived) return false;
  await announceConfirmed(tx, reservation);
  return true;
}
