import { createEvent, outboxMessage, reservationConfirmed } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import type { LockedReservation } from "./lock-reservation";

/** reservation.confirmed to the outbox: queue-service frees the buyer's working slot on it. */
export async function announceConfirmed(
  tx: Prisma.TransactionClient,
  reservation: Pick<LockedReservation, "id" | "userId" | "scheduleId" | "performanceId">,
): Promise<void> {
  const seats = await tx.reservationSeat.findMany({
    where: { reservationId: reservation.id },
    select: { seatId: true },
    orderBy: { seatId: "asc" },
  });
  const event = createEvent(reservationConfirmed, {
    reservationId: reservation.id,
    userId: reservation.userId,
    performanceId: reservation.performanceId,
    scheduleId: reservation.scheduleId,
    seatIds: seats.map((seat) => seat.seatId),
  });
  await writeOutbox(tx, [outboxMessage(reservationConfirmed, event, { key: reservation.id })]);
}
