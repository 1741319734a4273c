import { createEvent, outboxMessage, refundRequested } from "@ticketping/common/events";
import type { Prisma, RefundCause, ReservationStatus } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import { markRefundIssued } from "./mark-refund-issued";
import { lockReservation } from "../reservations/lock-reservation";
import { statusReasons } from "../status-reasons";

export interface OrganizerRefundRequest {
  reservationId: string;
  /** The seats to refund; all the order's seats not refunded yet when absent. */
  seatIds?: readonly string[] | undefined;
  /** The organizer's choice: refunded seats go back on sale, or stay off (SOLD). */
  releaseSeats: boolean;
  cause: RefundCause;
  /** Why, as the buyer reads it (mail, My tickets). */
  reason: string;
  requestedById?: string | undefined;
  now?: Date;
}

export type OrganizerRefundOutcome =
  | {
      outcome: "requested";
      refundId: string;
      /** REFUNDED at once for free seats only (0: nothing to ask the provider for). */
      refundStatus: "REQUESTED" | "REFUNDED";
      amountMinor: number;
      currency: string;
      seatIds: string[];
      /** REFUNDED once no seat of the order is left, CONFIRMED otherwise. */
      reservationStatus: ReservationStatus;
      scheduleId: string;
      /** The seats the seat-map cache must free now (none when kept off sale). */
      freedSeatIds: string[];
    }
  | { outcome: "not-found" }
  | { outcome: "not-confirmed"; status: ReservationStatus }
  /** Seats that are not this order's. */
  | { outcome: "unknown-seats"; seatIds: string[] }
  /** Seats refunded before (a second click, or overlapping requests). */
  | { outcome: "already-refunded"; seatIds: string[] }
  /** No completed payment to refund from (e.g. it is being refunded in full already). */
  | { outcome: "no-payment" };

/**
 * The organizer gives back the money of some or all seats of a confirmed order, in the
 * caller's transaction: a Refund row for the price of those seats (from the payment that
 * confirmed the order), its seats marked refunded (their tickets stop admitting; the
 * database's triggers put them back on sale, or keep them SOLD when kept off sale), the
 * order REFUNDED once no seat is left, and refund.requested with the Refund's id to the
 * outbox (the worker refunds at the provider, once, keyed by that id). A refund of free
 * seats only (0) is recorded as made at once, with no provider call. The order's row is
 * locked first, so two clicks at once run one after the other and the second is refused.
 */
export async function requestOrganizerRefund(
  tx: Prisma.TransactionClient,
  request: OrganizerRefundRequest,
): Promise<OrganizerRefundOutcome> {
  const { reservationId, releaseSeats, cause, reason, now = new Date() } = request;
  const reservation = await lockReservation(tx, { reservationId });
  if (!reservation) return { outcome: "not-found" };
  if (reservation.status !== "CONFIRMED") {
    return { outcome: "not-confirmed", status: reservation.status };
  }

  const seats = await tx.reservationSeat.findMany({
    where: { reservationId },
    select: { seatId: true, priceMinor: true, refundId: true },
  });
  const bySeat = new Map(seats.map((seat) => [seat.seatId, seat]));
  const asked = request.seatIds ? [...new Set(request.seatIds)] : undefined;
  if (asked) {
    const unknown = asked.filter((seatId) => !bySeat.has(seatId));
    if (unknown.length > 0) return { outcome: "unknown-seats", seatIds: unknown };
    const refunded = asked.filter((seatId) => bySeat.get(seatId)?.refundId);
    if (refunded.length > 0) return { outcome: "already-refunded", seatIds: refunded };
  }
  const chosen = asked
    ? seats.filter((seat) => asked.includes(seat.seatId))
    : seats.filter((seat) => seat.refundId === null);
  if (chosen.length === 0) return { outcome: "already-refunded", seatIds: [] };

  const payment = await tx.payment.findFirst({
    where: { reservationId, status: "COMPLETED", refundRequestedAt: null },
    select: { id: true, currency: true },
    orderBy: { createdAt: "asc" },
  });
  if (!payment) return { outcome: "no-payment" };

  const amountMinor = chosen.reduce((sum, seat) => sum + seat.priceMinor, 0);
  const seatIds = chosen.map((seat) => seat.seatId);
  const refund = await tx.refund.create({
    data: {
      reservationId,
      paymentId: payment.id,
      amountMinor,
      currency: payment.currency,
      cause,
      reason,
      releaseSeats,
      requestedById: request.requestedById ?? null,
      requestedAt: now,
    },
    select: { id: true },
  });
  await tx.reservationSeat.updateMany({
    where: { reservationId, seatId: { in: seatIds }, refundId: null },
    data: { refundId: refund.id, keptOffSale: !releaseSeats },
  });

  const whole = chosen.length === seats.filter((seat) => seat.refundId === null).length;
  if (whole) {
    await tx.reservation.update({
      where: { id: reservationId },
      data: {
        status: "REFUNDED",
        statusReason:
          cause === "SHOW_CANCELLED"
            ? statusReasons.showCancelled
            : statusReasons.refundedByOrganizer,
        closedAt: now,
      },
    });
  }
  // Free seats give nothing back: no provider call, the refund is made as it is asked for.
  if (amountMinor === 0) {
    await markRefundIssued(tx, { refundId: refund.id, providerRefundId: null, now });
  } else {
    await writeOutbox(tx, [
      outboxMessage(
        refundRequested,
        createEvent(refundRequested, {
          reservationId,
          paymentId: payment.id,
          reason,
          refundId: refund.id,
        }),
        { key: reservationId },
      ),
    ]);
  }
  return {
    outcome: "requested",
    refundId: refund.id,
    refundStatus: amountMinor === 0 ? "REFUNDED" : "REQUESTED",
    amountMinor,
    currency: payment.currency,
    seatIds,
    reservationStatus: whole ? "REFUNDED" : "CONFIRMED",
    scheduleId: reservation.scheduleId,
    freedSeatIds: releaseSeats ? seatIds : [],
  };
}
