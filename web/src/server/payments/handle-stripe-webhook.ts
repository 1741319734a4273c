import "server-only";
import type Stripe from "stripe";
import { withSpan } from "@ticketping/common/tracing";
import { BURST_TRANSACTION_OPTIONS } from "@ticketping/db";
import { handleOnce } from "@ticketping/db/lifecycle";
import { env } from "@/env";
import { db } from "../db";
import { logger } from "../logger";
import { parseEventObject } from "./webhook/parse-event-object";
import { recordChargeRefund } from "./webhook/record-charge-refund";
import { recordSessionExpiry } from "./webhook/record-session-expiry";
import { recordSessionPayment } from "./webhook/record-session-payment";
import {
  chargeSchema,
  checkoutSessionSchema,
  isHandledEventType,
} from "./webhook/stripe-event-schemas";
import { verifySignature } from "./webhook/verify-signature";
import { WEBHOOK_CONSUMER } from "./webhook/webhook-consumer";
import type { WebhookOutcome } from "./webhook-answer";

/**
 * Stripe's webhook (and the simulated checkout's, which sends the same events signed the
 * same way). The signature is checked against the raw body before anything is read or
 * written. Each event is then recorded once by its recorder (webhook/record-*.ts): its
 * id, what it reports and an outbox event commit together (one statement or one
 * transaction), and only then does the caller answer 2xx. Stripe retries anything else,
 * so nothing is lost; a redelivery finds the event id and changes nothing.
 */
export async function handleStripeWebhook({
  rawBody,
  signature,
}: {
  rawBody: string;
  signature: string | null;
}): Promise<{ eventId: string; type: string; outcome: WebhookOutcome }> {
  const event = verifySignature({ rawBody, signature, secret: env.STRIPE_WEBHOOK_SECRET });
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

async function record(event: Stripe.Event): Promise<WebhookOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed": {
      const session = parseEventObject(checkoutSessionSchema, event.data.object, event.id);
      const failed = event.type === "checkout.session.async_payment_failed";
      return recordSessionPayment(event.id, session, failed ? "failed" : "paid");
    }
    default:
      return recordInTransaction(event);
  }
}

/** The rarer events: several statements in one interactive transaction, once per event id. */
async function recordInTransaction(event: Stripe.Event): Promise<WebhookOutcome> {
  const handled = await handleOnce(
    {
      prisma: db(),
      consumer: WEBHOOK_CONSUMER,
      eventId: event.id,
      transaction: BURST_TRANSACTION_OPTIONS,
    },
    (tx): Promise<WebhookOutcome> => {
      const object: unknown = event.data.object;
      switch (event.type) {
        case "checkout.session.expired":
          return recordSessionExpiry(tx, parseEventObject(checkoutSessionSchema, object, event.id));
        case "charge.refunded":
          return recordChargeRefund(tx, parseEventObject(chargeSchema, object, event.id));
        default:
          return Promise.resolve("ignored");
      }
    },
  );
  return handled.applied ? handled.result : "duplicate";
}
