import {
  seatLabelSelect,
  showOfSchedule,
  showOfScheduleSelect,
  type PrismaClient,
  type ShowOfSchedule,
} from "@ticketping/db";
import { ticketReferenceOf } from "@ticketping/common/tickets/browser";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@ticketping/common/i18n";
import type { MailTicket, TicketSeat } from "./templates";

export interface ReservationForMail {
  status: string;
  confirmedAt: Date | null;
  holdExpiresAt: Date;
  amountMinor: number;
  currency: string;
  /** The buyer's language (users.locale), English when they never chose one. */
  buyer: { email: string; name: string; locale: Locale };
  show: ShowOfSchedule;
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
      user: { select: { email: true, name: true, locale: true } },
      schedule: { select: showOfScheduleSelect },
      tickets: { select: { id: true, seat: { select: seatLabelSelect } } },
      seats: { select: { seat: { select: seatLabelSelect } } },
    },
  });
  if (!reservation) return null;
  const show = showOfSchedule(reservation.schedule);
  return {
    status: reservation.status,
    confirmedAt: reservation.confirmedAt,
    holdExpiresAt: reservation.holdExpiresAt,
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    buyer: { ...reservation.user, locale: localeOf(reservation.user.locale) },
    show,
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

/** A stored language the mail speaks, else English (null, or a tag no longer spoken). */
export function localeOf(stored: string | null): Locale {
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}
