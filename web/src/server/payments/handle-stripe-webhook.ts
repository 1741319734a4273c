import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import {
  checkoutExpired,
  createEvent,
  outboxMessage,
  paymentCompleted,
  paymentFailed,
  paymentRefunded,
} from "@ticketping/common/events";
import {
  isSimulatedSessionId,
  paymentMetadataKeys,
  type PaymentProviderName,
} from "@ticketping/common/payments";
import { activeTraceCarrier, withSpan } from "@ticketping/common/tracing";
import { writeOutbox, type TransactionClient } from "@ticketping/db";
import { env } from "@/env";
import { db } from "../db";
import { logger } from "../logger";
import { getPaymentProvider } from "./payment-provider";
import {
  chargeSchema,
  checkoutSessionSchema,
  isHandledEventType,
  type ChargeObject,
  type CheckoutSessionObject,
} from "./stripe-event-schemas";
import { uuidv7 } from "../booking/uuidv7";
import type { WebhookOutcome } from "./webhook-answer";

/** Stripe's default: a signature older than this is refused (replayed or delayed). */
const SIGNATURE_TOLERANCE_S = 300;
const WEBHOOK_CONSUMER = "webhook.stripe";
/**
 * A burst of webhooks queues for the connection pool; waiting (Stripe allows a webhook
 * several seconds) beats answering 500 and having the whole burst delivered again.
 */
const TRANSACTION_OPTIONS = { maxWait: 8_000, timeout: 10_000 };

/**
 * Stripe's webhook (and the simulated checkout's, which sends the same events signed the
 * same way). The signature is checked against the raw body before anything is read or
 * written. Each event is then recorded once: its id, the Payment and an outbox event
 * commit together (one statement or one transaction), and only then does the caller
 * answer 2xx. Stripe retries
 * anything else, so nothing is lost; a redelivery finds the event id and changes nothing.
 * Two different events reporting one payment (completed and async_payment_succeeded)
 * record one Payment: it is unique per provider session and per provider payment id.
 */
export async function handleStripeWebhook({
  rawBody,
  signature,
}: {
  rawBody: string;
  signature: string | null;
}): Promise<{ eventId: string; type: string; outcome: WebhookOutcome }> {
  const event = verify(rawBody, signature);
  const base = { eventId: event.id, type: event.type };
  if (!isHandledEventType(event.type)) return { ...base, outcome: "ignored" };

  // The outbox row is written inside this span, so the worker's handling of the event
  // continues this trace: one purchase, one trace from the webhook to the confirmation.
  return withSpan(
    "stripe webhook",
    { attributes: { "stripe.event.id": event.id, "stripe.event.type": event.type } },
    async (span) => {
      const outcome = await record(event);
      span.setAttribute("ticketping.webhook.outcome", outcome);
      logger.info({ ...base, outcome }, "webhook handled");
      return { ...base, outcome };
    },
  );
}

function record(event: Stripe.Event): Promise<WebhookOutcome> {
  const sessionPayment =
    event.type === "checkout.session.completed" ||
    event.type === "checkout.session.async_payment_succeeded" ||
    event.type === "checkout.session.async_payment_failed";
  if (!sessionPayment) return recordInTransaction(event);
  return recordSessionPayment(
    event.id,
    parse(checkoutSessionSchema, event.data.object, event.id),
    event.type === "checkout.session.async_payment_failed" ? "failed" : "paid",
  );
}

/** The rarer events: several statements in one interactive transaction. */
function recordInTransaction(event: Stripe.Event): Promise<WebhookOutcome> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.processedEvent.createMany({
      data: [{ consumer: WEBHOOK_CONSUMER, eventId: event.id }],
      skipDuplicates: true,
    });
    if (count === 0) return "duplicate" as const;
    const object: unknown = event.data.object;
    switch (event.type) {
      case "checkout.session.expired":
        return recordSessionExpiry(tx, parse(checkoutSessionSchema, object, event.id));
      case "charge.refunded":
        return recordRefund(tx, parse(chargeSchema, object, event.id));
      default:
        return "ignored" as const;
    }
  }, TRANSACTION_OPTIONS);
}

function verify(rawBody: string, signature: string | null, now = Date.now()): Stripe.Event {
  if (!signature) throw signatureError("no Stripe-Signature header");
  // The SDK refuses a signature older than the tolerance but not one from the future; a
  // timestamp ahead of our clock by more than the tolerance is as suspect as a stale one.
  const signedAt = signatureTimestamp(signature);
  if (signedAt === null) throw signatureError("no timestamp in the Stripe-Signature header");
  if (signedAt - now / 1000 > SIGNATURE_TOLERANCE_S) {
    throw signatureError("timestamp is too far in the future");
  }
  try {
    return Stripe.webhooks.constructEvent(
      rawBody,
      signature,
      env.STRIPE_WEBHOOK_SECRET,
      SIGNATURE_TOLERANCE_S,
    );
  } catch (error) {
    throw signatureError(error instanceof Error ? error.message : String(error), error);
  }
}

/** The `t=` element of a Stripe-Signature header, in seconds. */
function signatureTimestamp(signature: string): number | null {
  const element = signature.split(",").find((part) => part.trim().startsWith("t="));
  const seconds = Number(element?.trim().slice(2));
  return element && Number.isInteger(seconds) ? seconds : null;
}

function signatureError(message: string, cause?: unknown): AppError {
  return new AppError("WEBHOOK_SIGNATURE_INVALID", `webhook refused: ${message}`, { cause });
}

function parse<Schema extends z.ZodType>(schema: Schema, object: unknown, eventId: string) {
  const result = schema.safeParse(object);
  if (!result.success) {
    // Signed by Stripe yet not the shape we know: answer 400 so it shows in Stripe's
    // dashboard as failing, rather than 200 for something we did not record.
    throw new AppError("VALIDATION_FAILED", `webhook ${eventId}: unexpected object`, {
      details: { issues: result.error.issues.map((issue) => issue.path.join(".")) },
    });
  }
  return result.data;
}

/** Which provider's object this is; a simulated one is accepted only while Simulated runs. */
function providerOf(id: string): PaymentProviderName | null {
  const simulated = isSimulatedSessionId(id) || id.startsWith("pi_sim_");
  if (!simulated) return "STRIPE";
  return getPaymentProvider().name === "SIMULATED" ? "SIMULATED" : null;
}

async function findReservation(tx: TransactionClient, session: CheckoutSessionObject) {
  const id = reservationIdOf(session);
  if (!id) return null;
  return tx.reservation.findUnique({ where: { id }, select: { id: true } });
}

/**
 * A payment (or its failure) of a checkout session: the hot path of a sale, so the event
 * id, the Payment and its outbox event are written by one statement (atomic like a
 * transaction, one round trip). Each part happens only if the one before did: a known
 * event id writes nothing; a Payment already recorded for this session or provider
 * payment id (another event reporting it) writes no second outbox event. Two such
 * statements at once serialise on the payments unique indexes.
 */
async function recordSessionPayment(
  eventId: string,
  session: CheckoutSessionObject,
  result: "paid" | "failed",
): Promise<WebhookOutcome> {
  const provider = providerOf(session.id);
  const reservationId = reservationIdOf(session);
  if (!provider || !reservationId) {
    logger.warn({ sessionId: session.id }, "checkout session of no reservation of ours");
    return "ignored";
  }
  // Asynchronous methods (e.g. bank debits) complete the session unpaid; the outcome
  // follows as async_payment_succeeded or async_payment_failed.
  if (result === "paid" && session.payment_status === "unpaid") {
    const { count } = await db().processedEvent.createMany({
      data: [{ consumer: WEBHOOK_CONSUMER, eventId }],
      skipDuplicates: true,
    });
    return count === 0 ? "duplicate" : "awaiting-async-payment";
  }

  const paymentId = uuidv7();
  const amountMinor = session.amount_total ?? 0;
  const currency = session.currency?.toUpperCase() ?? (await reservationCurrency(reservationId));
  const providerPaymentId = session.payment_intent ?? session.id;
  const message =
    result === "paid"
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
  const carrier = activeTraceCarrier();
  const traceContext = carrier ? JSON.stringify(carrier) : null;
  const status = result === "paid" ? "COMPLETED" : "FAILED";
  const failureReason = result === "paid" ? null : "The payment was declined.";

  const [row] = await db().$queryRaw<{ fresh: boolean; found: boolean; recorded: boolean }[]>`
    WITH fresh AS (
      INSERT INTO processed_events (consumer, event_id) VALUES (${WEBHOOK_CONSUMER}, ${eventId})
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), reservation AS (
      -- Locked until the payment commits: an expiry racing it waits, then the database
      -- sees the payment and keeps the hold (reservations_keep_paid_holds).
      SELECT id FROM reservations
       WHERE id = ${reservationId}::uuid AND EXISTS (SELECT 1 FROM fresh)
         FOR NO KEY UPDATE
    ), payment AS (
      INSERT INTO payments (id, reservation_id, provider, provider_session_id, provider_payment_id,
                            amount_minor, currency, status, failure_reason, updated_at)
      SELECT ${paymentId}::uuid, id, ${provider}::"PaymentProvider", ${session.id},
             ${providerPaymentId}, ${amountMinor}, ${currency}, ${status}::"PaymentStatus",
             ${failureReason}, now()
        FROM reservation
      ON CONFLICT DO NOTHING
      RETURNING id
    ), retired AS (
      -- A failed payment ends its session: the buyer's next checkout opens a new one
      -- (the next attempt), and the hold stays theirs until it lapses.
      UPDATE reservations
         SET checkout_provider = NULL, checkout_session_id = NULL, checkout_completed_at = NULL,
             checkout_attempt = checkout_attempt + 1, updated_at = now()
       WHERE id = ${reservationId}::uuid AND ${result === "failed"}
         AND checkout_session_id = ${session.id} AND EXISTS (SELECT 1 FROM payment)
      RETURNING 1
    ), outbox AS (
      INSERT INTO outbox_events (id, topic, key, payload, headers, trace_context)
      SELECT ${uuidv7()}::uuid, ${message.topic}, ${message.key},
             ${JSON.stringify(message.payload)}::jsonb, ${JSON.stringify(message.headers)}::jsonb,
             ${traceContext}::jsonb
        FROM payment
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM fresh) AS fresh,
           EXISTS (SELECT 1 FROM reservation) AS found,
           EXISTS (SELECT 1 FROM outbox) AS recorded`;
  if (!row?.fresh) return "duplicate";
  if (!row.found) {
    logger.warn(
      { sessionId: session.id, reservationId },
      "checkout session of an unknown reservation",
    );
    return "ignored";
  }
  if (!row.recorded) return "payment-already-recorded";
  return result === "paid" ? "payment-recorded" : "payment-failed";
}

function reservationIdOf(session: CheckoutSessionObject): string | null {
  const candidate =
    session.metadata?.[paymentMetadataKeys.reservationId] ?? session.client_reference_id;
  const id = z.uuid().safeParse(candidate);
  return id.success ? id.data : null;
}

/** Stripe always sends a paid session's currency; this covers an event without one. */
async function reservationCurrency(reservationId: string): Promise<string> {
  const reservation = await db().reservation.findUnique({
    where: { id: reservationId },
    select: { currency: true },
  });
  return reservation?.currency ?? "EUR";
}

async function recordSessionExpiry(
  tx: TransactionClient,
  session: CheckoutSessionObject,
): Promise<WebhookOutcome> {
  const provider = providerOf(session.id);
  const reservation = await findReservation(tx, session);
  if (!provider || !reservation) return "ignored";
  const event = createEvent(checkoutExpired, {
    reservationId: reservation.id,
    provider,
    sessionId: session.id,
  });
  await writeOutbox(tx, [outboxMessage(checkoutExpired, event, { key: reservation.id })]);
  return "checkout-expired";
}

async function recordRefund(tx: TransactionClient, charge: ChargeObject): Promise<WebhookOutcome> {
  // Partial refunds are the organizer's business; a full one ends the sale.
  if (!charge.refunded || !charge.payment_intent) return "ignored";
  const provider = providerOf(charge.payment_intent);
  if (!provider) return "ignored";
  const payment = await tx.payment.findUnique({
    where: { provider_providerPaymentId: { provider, providerPaymentId: charge.payment_intent } },
    select: { id: true, reservationId: true },
  });
  if (!payment) return "ignored";
  const { count } = await tx.payment.updateMany({
    where: { id: payment.id, status: "COMPLETED" },
    data: { status: "REFUNDED", refundedAt: new Date() },
  });
  // Already REFUNDED: our own refund, recorded by the worker.
  if (count === 0) return "refund-recorded";
  const event = createEvent(paymentRefunded, {
    reservationId: payment.reservationId,
    paymentId: payment.id,
    provider,
  });
  await writeOutbox(tx, [outboxMessage(paymentRefunded, event, { key: payment.reservationId })]);
  return "refund-recorded";
}
