import {
  confirmHeldReservation,
  handleOnce,
  lockReservation,
  refundUnappliedPayment,
  reviveLapsedReservation,
  statusReasons,
} from "@ticketping/db/lifecycle";
import type { TransactionClient } from "@ticketping/db";
import type { HandlerDeps } from "../handlers/deps";
import { settleReservation } from "../reservations/settle-reservation";

export interface CompletedPayment {
  reservationId: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
}

/** The consumer name under which each payment is applied once, from Kafka or the sweeper. */
export const CONFIRM_PAYMENT_CONSUMER = "worker.confirm-payment";

export type PaymentOutcome =
  | "confirmed"
  | "confirmed-late"
  | "refund-late"
  | "refund-ended"
  | "refund-duplicate"
  | "refund-mismatch"
  | "refund-cancelled"
  | "unknown-reservation";

/** What the buyer reads in "My tickets" for each refund; see statusReasons. */
export const refundReasons = {
  "refund-late": statusReasons.paymentTooLate,
  "refund-ended": statusReasons.paymentAfterEnd,
  "refund-duplicate": statusReasons.duplicatePayment,
  "refund-mismatch": statusReasons.amountMismatch,
  "refund-cancelled": statusReasons.showCancelled,
} as const;

/**
 * A payment completed. In one transaction: if the reservation is still PENDING its seats
 * are still held by it (the database guarantees that, and refuses to expire a hold with a
 * recorded payment, however late this runs), so it becomes CONFIRMED, the seats SOLD, and
 * reservation.confirmed goes to the outbox (queue-service releases the buyer's working
 * slot on it). A hold that lapsed before the payment came is still sold to it when every
 * seat is still free: the buyer paid for those seats and nobody else has them, so
 * refunding would only send them back into the line. Otherwise the money goes back:
 * refund requested, with the reason the buyer sees in "My tickets". A payment for a show
 * the organizer cancelled is always refunded, never confirmed (the database's revival
 * refuses it too, should the cancel commit while this runs). Applied once per
 * payment, whoever applies it (the payment.completed handler, or the sweeper for a
 * payment whose event is stuck or dead-lettered). The cache follows after the commit.
 */
export async function applyPaymentOnce(
  deps: HandlerDeps,
  payment: CompletedPayment,
): Promise<{ applied: boolean; outcome: PaymentOutcome | "duplicate" }> {
  const handled = await handleOnce(
    { prisma: deps.prisma, consumer: CONFIRM_PAYMENT_CONSUMER, eventId: payment.paymentId },
    (tx) => applyPayment(tx, payment),
  );
  await settleReservation(deps, { reservationId: payment.reservationId });
  return handled.applied
    ? { applied: true, outcome: handled.result }
    : { applied: false, outcome: "duplicate" };
}

async function applyPayment(
  tx: TransactionClient,
  payment: CompletedPayment,
): Promise<PaymentOutcome> {
  const reservation = await lockReservation(tx, { reservationId: payment.reservationId });
  // The payment row's foreign key makes this impossible in one database; seen only when
  // environments share a broker. Retrying would not make the row appear.
  if (!reservation) return "unknown-reservation";

  const matches =
    payment.amountMinor === reservation.amountMinor && payment.currency === reservation.currency;
  const cancelled = reservation.showCancelled;
  if (matches && !cancelled && reservation.status === "PENDING") {
    await confirmHeldReservation(tx, reservation);
    return "confirmed";
  }
  const lapsed = reservation.status === "EXPIRED" || reservation.status === "FAILED";
  if (matches && !cancelled && lapsed && (await reviveLapsedReservation(tx, reservation))) {
    return "confirmed-late";
  }

  const outcome = !matches
    ? "refund-mismatch"
    : cancelled
      ? "refund-cancelled"
      : reservation.status === "CONFIRMED"
        ? "refund-duplicate"
        : lapsed
          ? "refund-late"
          : "refund-ended";
  await refundUnappliedPayment(tx, {
    reservationId: reservation.id,
    status: reservation.status,
    paymentId: payment.paymentId,
    reason: refundReasons[outcome],
  });
  return outcome;
}
