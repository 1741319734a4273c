import "server-only";
import { db } from "../db";
import type { CheckoutView } from "./checkout-view";
import { statusReasonCodeOf } from "../reservations/status-reason-code";
import { getPaymentProvider } from "./payment-provider";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";

/** The buyer's own reservation; anyone else's is "not found", so ids reveal nothing. */
export async function getCheckout({
  userId,
  reservationId,
  now = new Date(),
}: OwnReservationRequest): Promise<CheckoutView> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId },
    select: {
      id: true,
      status: true,
      statusReason: true,
      amountMinor: true,
      currency: true,
      holdExpiresAt: true,
      confirmedAt: true,
      checkoutSessionId: true,
      payments: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true } },
      schedule: {
        select: {
          id: true,
          startsAt: true,
          performance: {
            select: {
              id: true,
              name: true,
              slug: true,
              hall: { select: { name: true, timeZone: true } },
            },
          },
        },
      },
      seats: {
        orderBy: { seatId: "asc" },
        select: {
          seatId: true,
          priceMinor: true,
          seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
        },
      },
    },
  });
  if (!reservation) throw ownReservationNotFound(reservationId);
  const { schedule } = reservation;
  return {
    reservationId: reservation.id,
    status: reservation.status,
    statusReason: reservation.statusReason,
    statusReasonCode: statusReasonCodeOf(reservation.statusReason),
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    holdExpiresAt: reservation.holdExpiresAt.toISOString(),
    confirmedAt: reservation.confirmedAt?.toISOString() ?? null,
    performance: {
      id: schedule.performance.id,
      name: schedule.performance.name,
      slug: schedule.performance.slug,
      hallName: schedule.performance.hall.name,
      hallTimeZone: schedule.performance.hall.timeZone,
    },
    schedule: { id: schedule.id, startsAt: schedule.startsAt.toISOString() },
    seats: reservation.seats
      .map((entry) => ({
        seatId: entry.seatId,
        row: entry.seat.row,
        column: entry.seat.column,
        gradeName: entry.seat.grade.name,
        priceMinor: entry.priceMinor,
      }))
      .sort((a, b) => a.row - b.row || a.column - b.column),
    provider: getPaymentProvider().name,
    // A declined attempt retires its session; a new checkout records the next one.
    paymentDeclined:
      reservation.payments[0]?.status === "FAILED" && reservation.checkoutSessionId === null,
    cancellable: reservation.status === "CONFIRMED" && schedule.startsAt > now,
    serverNowMs: now.getTime(),
  };
}
