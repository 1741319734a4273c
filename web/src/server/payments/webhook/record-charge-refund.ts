import "server-only";
import { recordProviderRefund } from "@ticketping/db/lifecycle";
import type { TransactionClient } from "@ticketping/db";
import type { WebhookOutcome } from "../webhook-answer";
import { providerOf } from "./provider-of";
import type { ChargeObject } from "./stripe-event-schemas";

/** charge.refunded: a full refund of one of our payments, recorded (recordProviderRefund). */
export async function recordChargeRefund(
  tx: TransactionClient,
  charge: ChargeObject,
): Promise<WebhookOutcome> {
  // Partial refunds are the organizer's business; a full one ends the sale.
  if (!charge.refunded || !charge.payment_intent) return "ignored";
  const provider = providerOf(charge.payment_intent);
  if (!provider) return "ignored";
  const outcome = await recordProviderRefund(tx, {
    provider,
    providerPaymentId: charge.payment_intent,
  });
  return outcome === "unknown-payment" ? "ignored" : "refund-recorded";
}
