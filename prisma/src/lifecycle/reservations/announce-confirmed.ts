import { createEvent, outboxMessage, reservationConfirmed } from "@ticketping/common/events";
import { Prisma } from "../../generated/client";
import { insertOutboxSql } from "../../outbox";
import type { LockedReservation } from "./lock-reservation";

/**
 * reservation.confirmed to the outbox: queue-service frees the buyer's working slot on it.
 * `seatIds` when the caller already read them (ordered by id); otherwise read here.
 */
export async function announceConfirmed(
  tx: Prisma.TransactionClient,
  reservation: Pick<LockedReservation, "id" | "userId" | "scheduleId" | "performanceId">,
  { seatIds }: { seatIds?: readonly string[] } = {},
): Promise<void> {
  const seats =
    seatIds ??
    (
      await tx.$queryRaw<{ seat_id: string }[]>`
        SELECT seat_id::text FROM reservation_seats
         WHERE reservation_id = ${reservation.id}::uuid ORDER BY seat_id`
    ).map((seat) => seat.seat_id);
  const event = createEvent(reservationConfirmed, {
    reservationId: reservation.id,
    userId: reservation.userId,
    performanceId: reservation.performanceId,
    scheduleId: reservation.scheduleId,
    seatIds: [...seats],
  });
  // One raw insert: on every purchase, Prisma's createMany costs more of the worker's CPU.
  await tx.$executeRaw(
    insertOutboxSql(outboxMessage(reservationConfirmed, event, { key: reservation.id }), {
      from: Prisma.sql`(SELECT 1) AS one`,
    }),
  );
}
