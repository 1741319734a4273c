import "server-only";
import { db } from "../db";
import { ownReservationNotFound } from "../reservations/own-reservation";
import { ticketView, type TicketView } from "./ticket-view";

export interface OwnTickets {
  reservationId: string;
  holderName: string;
  performance: { name: string; runtimeMinutes: number };
  hall: { name: string; address: string };
  startsAt: Date;
  tickets: (TicketView & { row: number; column: number; gradeName: string })[];
}

/**
 * The tickets of one of the buyer's own reservations while it is CONFIRMED. Someone else's,
 * missing, or not (or no longer) confirmed: NOT_FOUND alike, so ids reveal nothing.
 */
export async function loadOwnTickets({
  userId,
  reservationId,
}: {
  userId: string;
  reservationId: string;
}): Promise<OwnTickets> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId, status: "CONFIRMED" },
    select: {
      id: true,
      scheduleId: true,
      user: { select: { name: true } },
      schedule: {
        select: {
          startsAt: true,
          performance: {
            select: {
              name: true,
              runtimeMinutes: true,
              hall: { select: { name: true, address: true } },
            },
          },
        },
      },
      tickets: {
        select: {
          id: true,
          seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
        },
      },
    },
  });
  if (!reservation) throw ownReservationNotFound(reservationId);
  const { performance } = reservation.schedule;
  return {
    reservationId: reservation.id,
    holderName: reservation.user.name,
    performance: { name: performance.name, runtimeMinutes: performance.runtimeMinutes },
    hall: performance.hall,
    startsAt: reservation.schedule.startsAt,
    tickets: reservation.tickets
      .map(({ id, seat }) => ({
        ...ticketView({ ticketId: id, scheduleId: reservation.scheduleId, seat }),
        row: seat.row,
        column: seat.column,
        gradeName: seat.grade.name,
      }))
      .sort((a, b) => a.row - b.row || a.column - b.column),
  };
}
