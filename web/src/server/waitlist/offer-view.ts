import "server-only";
import { seatLabelSelect, type Prisma } from "@ticketping/db";
import type { WaitlistOffer } from "./schemas";

/** What a waitlist offer's view reads of its reservation. */
export const offerSelect = {
  id: true,
  scheduleId: true,
  status: true,
  amountMinor: true,
  currency: true,
  holdExpiresAt: true,
  offerAcceptedAt: true,
  schedule: {
    select: {
      startsAt: true,
      performance: { select: { name: true, hall: { select: { timeZone: true } } } },
    },
  },
  seats: { select: { seat: { select: seatLabelSelect } }, orderBy: { seatId: "asc" } },
} satisfies Prisma.ReservationSelect;

export function offerView(
  reservation: Prisma.ReservationGetPayload<{ select: typeof offerSelect }>,
  now = new Date(),
): WaitlistOffer {
  return {
    reservationId: reservation.id,
    scheduleId: reservation.scheduleId,
    performanceName: reservation.schedule.performance.name,
    startsAt: reservation.schedule.startsAt.toISOString(),
    hallTimeZone: reservation.schedule.performance.hall.timeZone,
    seats: reservation.seats.map(({ seat }) => ({
      row: seat.row,
      column: seat.column,
      grade: seat.grade.name,
    })),
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    expiresAt: reservation.holdExpiresAt.toISOString(),
    accepted: reservation.offerAcceptedAt !== null,
    status: reservation.status,
    open: reservation.status === "PENDING" && reservation.holdExpiresAt > now,
  };
}
