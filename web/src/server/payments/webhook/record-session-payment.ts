import "server-only";
import { recordCheckoutPayment, recordProcessedEvent } from "@ticketping/db/lifecycle";
import { db } from "../../db";
import { logger } from "../../logger";
import type { WebhookOutcome } from "../webhook-answer";
import { providerOf } from "./provider-of";
import { sessionReservationId } from "./session-reservation-id";
import type { CheckoutSessionObject } from "./stripe-event-schemas";
import { WEBHOOK_CONSUMER } from "./webhook-consumer";

/**
 * checkout.session.completed, async_payment_succeeded (`paid`) and async_payment_failed
 * (`failed`): the payment, or its failure, recorded with its outbox event in one statement
 * (recordCheckoutPayment). A redelivery finds the event id and changes nothing; two
 * different events reporting one payment record one Payment.
 */
export async function recordSessionPayment(
  eventId: string,
  session: CheckoutSessionObject,
  result: "paid" | "failed",
): Promise<WebhookOutcome> {
  const provider = providerOf(session.id);
  const reservationId = sessionReservationId(session);
  if (!provider || !reservationId) {
    logger.warn({ sessionId: session.id }, "checkout session of no reservation of ours");
    return "ignored";
  }
  const processed = { consumer: WEBHOOK_CONSUMER, eventId };
  // Asynchronous methods (e.g. bank debits) complete the session unpaid; the outcome
  // follows as async_payment_succeeded or async_payment_failed.
  if (result === "paid" && session.payment_status === "unpaid") {
    return (await recordProcessedEvent(db(), processed)) ? "awaiting-async-payment" : "duplicate";
  }

  const currency = session.currency?.toUpperCase() ?? (await reservationCurrency(reservationId));
  if (!currency) {
    logger.warn(
      { sessionId: session.id, reservationId },
      "checkout session of an unknown reservation",
    );
    return "ignored";
  }
  const record = await recordCheckoutPayment(db(), processed, {
    reservationId,
    provider,
    sessionId: session.id,
    providerPaymentId: session.payment_intent ?? session.id,
    amountMinor: session.amount_total ?? 0,
    currency,
    result,
  });
  if (!record.fresh) return "duplicate";
  if (!record.found) {
    logger.warn(
      { sessionId: session.id, reservationId },
      "checkout session of an unknown reservation",
    );
    return "ignored";
  }
  if (!record.recorded) return "payment-already-recorded";
  return result === "paid" ? "payment-recorded" : "payment-failed";
}

/**
 * Stripe always sends a paid session's currency; this covers an event without one. null
 * when the reservation is unknown: no currency is made up for it.
 */
async function reservationCurrency(reservationId: string): Promise<string | null> {
  const reservation = await db().reservation.findUnique({
    where: { id: reservationId },
    select: { currency: true },
  });
  return reservation?.currency ?? null;
}
