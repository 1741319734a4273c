import type { Prisma } from "./generated/client";

/**
 * Deletes reservations with everything that hangs on them: check-ins go with their tickets,
 * tickets and payments restrict the reservation's deletion, so they go first. For the demo
 * re-seed and test clean-up: the application never deletes a reservation.
 */
export async function deleteReservations(
  tx: Pick<Prisma.TransactionClient, "ticket" | "payment" | "reservation">,
  where: Prisma.ReservationWhereInput,
): Promise<void> {
  await tx.ticket.deleteMany({ where: { reservation: where } });
  await tx.payment.deleteMany({ where: { reservation: where } });
  // reservation_seats go with their reservations (cascade); their triggers free the seats.
  await tx.reservation.deleteMany({ where });
}
