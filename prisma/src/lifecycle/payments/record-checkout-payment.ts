import {
  createEvent,
  outboxMessage,
  paymentCompleted,
  paymentFailed,
} from "@ticketping/common/events";
import { Prisma, type PaymentProvider, type PrismaClient } from "../../generated/client";
import { insertOutboxSql } from "../../outbox";
import { uuidv7 } from "../../uuidv7";
import { insertProcessedEventSql, type ProcessedEventKey } from "../processed-events";
import { paymentReasons } from "../status-reasons";

export interface CheckoutPayment {
  reservationId: string;
  provider: PaymentProvider;
  sessionId: string;
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  result: "paid" | "failed";
}

export interface CheckoutPaymentRecord {
  /** The event was new (false: a redelivery; nothing was written). */
  fresh: boolean;
  /** The reservation exists. */
  found: boolean;
  /** A Payment and its outbox event were written (false: the payment was already known). */
  recorded: boolean;
}

/**
 * A payment (or its failure) reported for a checkout session: the hot path of a sale, so
 * the processed event, the Payment and its outbox event (payment.completed or
 * payment.failed) are written by one statement (atomic like a transaction, one round
 * trip). Each part happens only if the one before did: a known event writes nothing; a
 * Payment already recorded for this session or provider payment id (another event
 * reporting it) writes no second outbox event. Two such statements at once serialise on
 * the payments unique indexes. A failed payment also retires its session: the buyer's
 * next checkout opens a new one (the next attempt), and the hold stays theirs until it
 * lapses.
 */
export async function recordCheckoutPayment(
  prisma: PrismaClient,
  processed: ProcessedEventKey,
  payment: CheckoutPayment,
): Promise<CheckoutPaymentRecord> {
  const { reservationId, provider, sessionId, providerPaymentId, amountMinor, currency } = payment;
  const paid = payment.result === "paid";
  const paymentId = uuidv7();
  const message = paid
    ? outboxMessage(
        paymentCompleted,
        createEvent(paymentCompleted, {
          reservationId,
          paymentId,
          provider,
          providerPaymentId,
          amountMinor,
          currency,
        }),
        { key: reservationId },
      )
    : outboxMessage(
        paymentFailed,
        createEvent(paymentFailed, {
          reservationId,
          paymentId,
          provider,
          reason: "the payment was declined",
        }),
        { key: reservationId },
      );
  const status = paid ? "COMPLETED" : "FAILED";
  const failureReason = paid ? null : paymentReasons.declined;

  const [row] = await prisma.$queryRaw<CheckoutPaymentRecord[]>`
    WITH fresh AS (${insertProcessedEventSql(processed)}
    ), reservation AS (
      -- Locked until the payment commits: an expiry racing it waits, then the database
      -- sees the payment and keeps the hold (reservations_keep_paid_holds).
      SELECT id FROM reservations
       WHERE id = ${reservationId}::uuid AND EXISTS (SELECT 1 FROM fresh)
         FOR NO KEY UPDATE
    ), payment AS (
      INSERT INTO payments (id, reservation_id, provider, provider_session_id, provider_payment_id,
                            amount_minor, currency, status, failure_reason, updated_at)
      SELECT ${paymentId}::uuid, id, ${provider}::"PaymentProvider", ${sessionId},
             ${providerPaymentId}, ${amountMinor}, ${currency}, ${status}::"PaymentStatus",
             ${failureReason}, now()
        FROM reservation
      ON CONFLICT DO NOTHING
      RETURNING id
    ), retired AS (
      UPDATE reservations
         SET checkout_provider = NULL, checkout_session_id = NULL, checkout_completed_at = NULL,
             checkout_attempt = checkout_attempt + 1, updated_at = now()
       WHERE id = ${reservationId}::uuid AND ${!paid}
         AND checkout_session_id = ${sessionId} AND EXISTS (SELECT 1 FROM payment)
      RETURNING 1
    ), outbox AS (${insertOutboxSql(message, { from: Prisma.sql`payment` })}
    )
    SELECT EXISTS (SELECT 1 FROM fresh) AS fresh,
           EXISTS (SELECT 1 FROM reservation) AS found,
           EXISTS (SELECT 1 FROM outbox) AS recorded`;
  return row ?? { fresh: false, found: false, recorded: false };
}
