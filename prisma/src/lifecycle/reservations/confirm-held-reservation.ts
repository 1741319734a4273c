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
  // Every purchase comes through here: the update and the seat list the event carries in
  // one raw statement, not Prisma's update and read, each interpreted on the worker's thread.
  const [confirmed] = await tx.$queryRaw<{ seat_ids: string[] }[]>`
    UPDATE reservations
       SET status = 'CONFIRMED', status_reason = NULL, confirmed_at = ${now}, updated_at = ${now}
     WHERE id = ${reservation.id}::uuid
    RETURNING ARRAY(SELECT rs.seat_id::text FROM reservation_seats rs
                     WHERE rs.reservation_id = ${reservation.id}::uuid
                     ORDER BY rs.seat_id) AS seat_ids`;
  if (!confirmed) throw new Error(`reservation ${reservation.id} vanished while locked`);
  await announceConfirmed(tx, reservation, { seatIds: confirmed.seat_ids });
}
