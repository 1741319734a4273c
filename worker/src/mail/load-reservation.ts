import type { PrismaClient } from "@ticketping/db";
import { ticketReferenceOf } from "@ticketping/common/tickets/browser";
import type { MailTicket, ShowDetails, TicketSeat } from "./templates";

export interface ReservationForMail {
  status: string;
  confirmedAt: Date | null;
  holdExpiresAt: Date;
  amountMinor: number;
  currency: string;
  buyer: { email: string; name: string };
  show: ShowDetails & { hallAddress: string; slug: string };
  seats: TicketSeat[];
  /** Issued once it is confirmed: id and seat of each. */
  tickets: MailTicket[];
}

/** Everything a mail about one reservation says, in one query; null when it is unknown. */
export async function loadReservationForMail(
  prisma: PrismaClient,
  reservationId: string,
): Promise<ReservationForMail | null> {
  const reservation = await prisma.reservation.findUnique({
    where: { id: reservationId },
    select: {
      status: true,
      confirmedAt: true,
      holdExpiresAt: true,
      amountMinor: true,
      currency: true,
      user: { select: { email: true, name: true } },
      schedule: {
        select: {
          startsAt: true,
          performance: {
            select: {
              name: true,
              slug: true,
              hall: { select: { name: true, address: true, timeZone: true } },
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
      seats: {
        select: {
          seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
        },
      },
    },
  });
  if (!reservation) return null;
  const { performance } = reservation.schedule;
  return {
    status: reservation.status,
    confirmedAt: reservation.confirmedAt,
    holdExpiresAt: reservation.holdExpiresAt,
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    buyer: reservation.user,
    show: {
      performanceName: performance.name,
      slug: performance.slug,
      hallName: performance.hall.name,
      hallAddress: performance.hall.address,
      timeZone: performance.hall.timeZone,
      startsAt: reservation.schedule.startsAt,
    },
    tickets: reservation.tickets.map(({ id, seat }) => ({
      id,
      reference: ticketReferenceOf(id),
      row: seat.row,
      column: seat.column,
      grade: seat.grade.name,
    })),
    seats: reservation.seats.map(({ seat }) => ({
      row: seat.row,
      column: seat.column,
      grade: seat.grade.name,
    })),
  };
}
