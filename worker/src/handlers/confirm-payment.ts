import {
  createEvent,
  outboxMessage,
  paymentCompleted,
  refundRequested,
  reservationConfirmed,
  type OutboxMessage,
} from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import type { Prisma } from "@ticketping/db";
import { handleOnce } from "../handle-once";
import { recordPaymentApplied } from "../metrics";
import { writeOutbox } from "../outbox";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

interface LockedReservation {
  id: string;
  user_id: string;
  schedule_id: string;
  performance_id: string;
  status: string;
  amount_minor: number;
  currency: string;
}

export const lateRefundReason =
  "Your payment arrived after the hold ran out and the seats were released. It has been refunded in full.";

/**
 * A payment completed. In one transaction: if the reservation is still PENDING its seats
 * are still held by it (the database guarantees that), so it becomes CONFIRMED, the seats
 * SOLD, and reservation.confirmed goes to the outbox (queue-service releases the buyer's
 * working slot on it). Otherwise the money must go back: a late payment ends the
 * reservation REFUNDED with the reason the buyer sees in "My tickets", and
 * refund.requested goes to the outbox. Applied once per payment, however many events
 * report it. The cache follows after the commit.
 */
export function confirmPaymentHandler(deps: HandlerDeps): Subscription {
  const { prisma, logger } = deps;
  return subscribe(paymentCompleted, async (event) => {
    const { reservationId, paymentId } = event.payload;
    let outcome = "duplicate";
    const { applied } = await handleOnce(
      { prisma, consumer: "worker.confirm-payment", eventId: paymentId },
      async (tx) => {
        outcome = await applyPayment(tx, event.payload);
      },
    );
    await settleReservation(deps, { reservationId });
    if (applied) recordPaymentApplied({ ...event.payload, outcome, occurredAt: event.occurredAt });
    logger.info({ reservationId, paymentId, outcome }, "payment handled");
  });
}

async function applyPayment(
  tx: Prisma.TransactionClient,
  payment: {
    reservationId: string;
    paymentId: string;
    amountMinor: number;
    currency: string;
  },
): Promise<
  "confirmed" | "refund-late" | "refund-duplicate" | "refund-mismatch" | "unknown-reservation"
> {
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
  if (reservation.status === "PENDING" && matches) {
    await tx.reservation.update({
      where: { id: reservation.id },
      data: { status: "CONFIRMED", statusReason: null, confirmedAt: new Date() },
    });
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
    return "confirmed";
  }

  const outcome = !matches
    ? "refund-mismatch"
    : reservation.status === "CONFIRMED"
      ? "refund-duplicate"
      : "refund-late";
  const reason = {
    "refund-mismatch":
      "The amount paid did not match the reservation, so the payment was refunded.",
    "refund-duplicate": "A second payment for an already confirmed reservation was refunded.",
    "refund-late": lateRefundReason,
  }[outcome];
  // A reservation that never sold (its hold lapsed or its payment failed) now tells the
  // buyer what happened to their money. A confirmed one stays confirmed (a duplicate
  // payment); a cancelled or refunded one keeps its own story.
  if (["PENDING", "EXPIRED", "FAILED"].includes(reservation.status)) {
    await tx.reservation.update({
      where: { id: reservation.id },
      data: { status: "REFUNDED", statusReason: reason },
    });
  }
  const messages: OutboxMessage[] = [
    outboxMessage(
      refundRequested,
      createEvent(refundRequested, {
        reservationId: reservation.id,
        paymentId: payment.paymentId,
        reason,
      }),
      { key: reservation.id },
    ),
  ];
  await writeOutbox(tx, messages);
  return outcome;
}
