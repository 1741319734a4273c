import type { Prisma, ReservationStatus } from "../../generated/client";
import { requestRefunds } from "../payments/request-refunds";
import { paymentReasons, statusReasons } from "../status-reasons";
import { endByBuyer } from "./end-by-buyer";
import { lockReservation } from "./lock-reservation";

export type CancelOutcome =
  /** seatIds: the seats the cancel put back on sale (not those the organizer refunded). */
  | { outcome: "cancelled"; scheduleId: string; seatIds: string[] }
  /** None of this buyer's. */
  | { outcome: "not-found" }
  | { outcome: "not-confirmed"; status: ReservationStatus }
  | { outcome: "show-started" };

/**
 * The buyer gives confirmed tickets back before the show: CONFIRMED → CANCELLED (the
 * database's triggers put its seats back on sale) and a refund of each of its payments is
 * requested (refund.requested to the outbox; the worker refunds through the provider).
 * Anything else changes nothing and says why.
 */
export async function cancelConfirmedReservation(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    userId,
    now = new Date(),
  }: { reservationId: string; userId: string; now?: Date },
): Promise<CancelOutcome> {
  const reservation = await lockReservation(tx, { reservationId, userId });
  if (!reservation) return { outcome: "not-found" };
  if (reservation.status !== "CONFIRMED") {
    return { outcome: "not-confirmed", status: reservation.status };
  }
  if (reservation.showStartsAt <= now) return { outcome: "show-started" };

  const reason = statusReasons.cancelledByBuyer;
  await endByBuyer(tx, { reservationId, userId, from: "CONFIRMED", reason, now });
  const payments = await tx.payment.findMany({
    where: { reservationId, status: "COMPLETED" },
    select: { id: true },
  });
  // Only the seats this cancel releases: one the organizer refunded earlier was freed
  // then (and may be someone else's now) or is kept off sale, SOLD for good.
  const seats = await tx.reservationSeat.findMany({
    where: { reservationId, refundId: null },
    select: { seatId: true },
  });
  await requestRefunds(tx, {
    reservationId,
    paymentIds: payments.map((payment) => payment.id),
    reason: paymentReasons.cancelledByBuyer,
    now,
  });
  return {
    outcome: "cancelled",
    scheduleId: reservation.scheduleId,
    seatIds: seats.map((seat) => seat.seatId),
  };
}
