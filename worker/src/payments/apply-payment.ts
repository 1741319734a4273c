import { createEvent, outboxMessage, reservationConfirmed } from "@ticketping/common/events";
import { requestRefunds, writeOutbox, type Prisma } from "@ticketping/db";
import { handleOnce } from "../handle-once";
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

interface LockedReservation {
  id: string;
  user_id: string;
  schedule_id: string;
  performance_id: string;
  status: string;
  amount_minor: number;
  currency: string;
}

export type PaymentOutcome =
  | "confirmed"
  | "confirmed-late"
  | "refund-late"
  | "refund-ended"
  | "refund-duplicate"
  | "refund-mismatch"
  | "unknown-reservation";

/** What the buyer reads in "My tickets"; each says what really happened to the money. */
export const refundReasons = {
  "refund-late":
    "Your payment arrived after the hold ran out, and the seats had gone to another buyer by then. Your payment is being refunded in full.",
  "refund-ended":
    "This reservation had already ended when your payment arrived. Your payment is being refunded in full.",
  "refund-duplicate":
    "A second payment for an already confirmed reservation is being refunded in full.",
  "refund-mismatch":
    "The amount paid did not match the reservation, so the payment is being refunded in full.",
} as const;

/**
 * A payment completed. In one transaction: if the reservation is still PENDING its seats
 * are still held by it (the database guarantees that, and refuses to expire a hold with a
 * recorded payment, however late this runs), so it becomes CONFIRMED, the seats SOLD, and
 * reservation.confirmed goes to the outbox (queue-service releases the buyer's working
 * slot on it). A hold that lapsed before the payment came is still sold to it when every
 * seat is still free: the buyer paid for those seats and nobody else has them, so
 * refunding would only send them back into the line. Otherwise the money goes back:
 * refund requested, with the reason the buyer sees in "My tickets". Applied once per
 * payment, whoever applies it (the payment.completed handler, or the sweeper for a
 * payment whose event is stuck or dead-lettered). The cache follows after the commit.
 */
export async function applyPaymentOnce(
  deps: HandlerDeps,
  payment: CompletedPayment,
): Promise<{ applied: boolean; outcome: PaymentOutcome | "duplicate" }> {
  let outcome: PaymentOutcome | "duplicate" = "duplicate";
  const { applied } = await handleOnce(
    { prisma: deps.prisma, consumer: CONFIRM_PAYMENT_CONSUMER, eventId: payment.paymentId },
    async (tx) => {
      outcome = await applyPayment(tx, payment);
    },
  );
  await settleReservation(deps, { reservationId: payment.reservationId });
  return { applied, outcome };
}

async function applyPayment(
  tx: Prisma.TransactionClient,
  payment: CompletedPayment,
): Promise<PaymentOutcome> {
  const [reservation] = await tx.$queryRaw<LockedReservation[]>`
    SELECT r.id, r.user_id, r.schedule_id, sc.performance_id, r.status::text AS status,
           r.amount_minor, r.currency
      FROM reservations r JOIN schedules sc ON sc.id = r.schedule_id
     WHERE r.id = ${payment.reservationId}::uuid
       FOR UPDATE OF r`;
  // The payment row's foreign key makes this impossible in one database; seen only when
  // environments share a broker. Retrying would not make the row appear.
  if (!reservation) return "unknown-reservation";

  const matches =
    payment.amountMinor === reservation.amount_minor && payment.currency === reservation.currency;
  if (matches && reservation.status === "PENDING") {
    await tx.reservation.update({
      where: { id: reservation.id },
      data: { status: "CONFIRMED", statusReason: null, confirmedAt: new Date() },
    });
    await announceConfirmed(tx, reservation);
    return "confirmed";
  }
  const lapsed = reservation.status === "EXPIRED" || reservation.status === "FAILED";
  if (matches && lapsed) {
    const [revived] = await tx.$queryRaw<{ revived: boolean }[]>`
      SELECT revive_paid_reservation(${reservation.id}::uuid) AS revived`;
    if (revived?.revived) {
      await announceConfirmed(tx, reservation);
      return "confirmed-late";
    }
  }

  const outcome = !matches
    ? "refund-mismatch"
    : reservation.status === "CONFIRMED"
      ? "refund-duplicate"
      : lapsed
        ? "refund-late"
        : "refund-ended";
  const reason = refundReasons[outcome];
  // A reservation that never sold (its hold lapsed or its payment failed) now tells the
  // buyer what happened to their money. A confirmed one stays confirmed (a duplicate
  // payment); a cancelled or refunded one keeps its own story.
  if (["PENDING", "EXPIRED", "FAILED"].includes(reservation.status)) {
    await tx.reservation.update({
      where: { id: reservation.id },
      data: { status: "REFUNDED", statusReason: reason },
    });
  }
  await requestRefunds(tx, {
    reservationId: reservation.id,
    paymentIds: [payment.paymentId],
    reason,
  });
  return outcome;
}

async function announceConfirmed(
  tx: Prisma.TransactionClient,
  reservation: LockedReservation,
): Promise<void> {
  const seats = await tx.reservationSeat.findMany({
    where: { reservationId: reservation.id },
    select: { seatId: true },
    orderBy: { seatId: "asc" },
  });
  await writeOutbox(tx, [
    outboxMessage(
      reservationConfirmed,
      createEvent(reservationConfirmed, {
        reservationId: reservation.id,
        userId: reservation.user_id,
        performanceId: reservation.performance_id,
        scheduleId: reservation.schedule_id,
        seatIds: seats.map((seat) => seat.seatId),
      }),
      { key: reservation.id },
    ),
  ]);
}
