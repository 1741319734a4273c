import { DEFAULT_LOCALE, isLocale } from "@ticketping/common/i18n";
import type { PrintableReservation } from "@ticketping/common/tickets/print";
import type { PrismaClient } from "./generated/client";
import { seatLabelSelect, showOfSchedule, showOfScheduleSelect } from "./show-of-schedule";

export interface LoadedPrintableReservation extends PrintableReservation {
  userId: string;
  status: string;
  runtimeMinutes: number;
  hallAddress: string;
}

/**
 * A reservation with its tickets and what is printed on them, in one query: for My tickets'
 * PDF and calendar file (web) and the confirmation mail (worker). Null when unknown.
 */
export async function loadPrintableReservation(
  prisma: Pick<PrismaClient, "reservation">,
  reservationId: string,
): Promise<LoadedPrintableReservation | null> {
  const reservation = await prisma.reservation.findUnique({
    where: { id: reservationId },
    select: {
      id: true,
      userId: true,
      status: true,
      scheduleId: true,
      user: { select: { name: true, locale: true } },
      schedule: { select: showOfScheduleSelect },
      // A seat the organizer refunded has no ticket to print any more.
      tickets: {
        where: { reservationSeat: { refundId: null } },
        select: { id: true, seat: { select: seatLabelSelect } },
      },
    },
  });
  if (!reservation) return null;
  const show = showOfSchedule(reservation.schedule);
  return {
    reservationId: reservation.id,
    userId: reservation.userId,
    status: reservation.status,
    scheduleId: reservation.scheduleId,
    holderName: reservation.user.name,
    // The account's language, as its mails speak it: My tickets' PDF is the mail's PDF.
    locale: isLocale(reservation.user.locale) ? reservation.user.locale : DEFAULT_LOCALE,
    performanceName: show.performanceName,
    runtimeMinutes: show.runtimeMinutes,
    hallName: show.hallName,
    hallAddress: show.hallAddress,
    timeZone: show.timeZone,
    startsAt: show.startsAt,
    tickets: reservation.tickets.map(({ id, seat }) => ({
      id,
      row: seat.row,
      column: seat.column,
      gradeName: seat.grade.name,
    })),
  };
}
