import type { Prisma } from "./generated/client";

/**
 * Deletes reservations with everything that hangs on them: check-ins go with their tickets,
 * tickets, organizers' refunds and payments restrict the reservation's deletion, so they go
 * first (and the seats an organizer's refund marks, before it). For the demo re-seed and
 * test clean-up: the application never deletes a reservation.
 */
export async function deleteReservations(
  tx: Pick<
    Prisma.TransactionClient,
    "ticket" | "payment" | "reservation" | "reservationSeat" | "refund"
  >,
  where: Prisma.ReservationWhereInput,
): Promise<void> {
  await tx.ticket.deleteMany({ where: { reservation: where } });
  // Their triggers free the seats, as the reservations' cascade would.
  await tx.reservationSeat.deleteMany({ where: { reservation: where, refundId: { not: null } } });
  await tx.refund.deleteMany({ where: { reservation: where } });
  await tx.payment.deleteMany({ where: { reservation: where } });
  // The other reservation_seats go with their reservations (cascade).
  await tx.reservation.deleteMany({ where });
}
