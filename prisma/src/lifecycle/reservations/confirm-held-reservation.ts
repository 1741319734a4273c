import type { Prisma } from "../../generated/client";
import { announceConfirmed } from "./announce-confirmed";
import type { LockedReservation } from "./lock-reservation";

/**
 * Its payment arrived while the hold stood: PENDING → CONFIRMED, the seats SOLD (its seats
 * are still held by it: the database guarantees that), reservation.confirmed to the
 * outbox. The caller locked the reservation and checked it is PENDING and paid in full.
 */
export async function confirmHeldReservation(
  tx: Prisma.TransactionClient,
  reservation: Pick<LockedReservation, "id" | "userId" | "scheduleId" | "performanceId">,
  { now = new Date() }: { now?: Date } = {},
): Promise<void> {
  await tx.reservation.update({
    where: { id: reservation.id },
    data: { status: "CONFIRMED", statusReason: null, confirmedAt: now },
  });
  await announceConfirmed(tx, reservation);
}
