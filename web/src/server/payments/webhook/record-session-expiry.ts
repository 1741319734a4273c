import "server-only";
import { recordCheckoutExpiry } from "@ticketping/db/lifecycle";
import type { TransactionClient } from "@ticketping/db";
import type { WebhookOutcome } from "../webhook-answer";
import { providerOf } from "./provider-of";
import { sessionReservationId } from "./session-reservation-id";
import type { CheckoutSessionObject } from "./stripe-event-schemas";

/** checkout.session.expired of one of our reservations' sessions: announced to the worker. */
export async function recordSessionExpiry(
  tx: TransactionClient,
  session: CheckoutSessionObject,
): Promise<WebhookOutcome> {
  const provider = providerOf(session.id);
  const id = sessionReservationId(session);
  const reservation = id
    ? await tx.reservation.findUnique({ where: { id }, select: { id: true } })
    : null;
  if (!provider || !reservation) return "ignored";
  await recordCheckoutExpiry(tx, {
    reservationId: reservation.id,
    provider,
    sessionId: session.id,
  });
  return "checkout-expired";
}
