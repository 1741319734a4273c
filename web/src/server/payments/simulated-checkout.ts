import "server-only";
import { AppError } from "@ticketping/common/errors";
import {
  checkoutSessionEvent,
  isSimulatedSessionId,
  signWebhookPayload,
  simulatedPaymentIntentId,
  type SimulatedSessionFacts,
} from "@ticketping/common/payments";
import { env } from "@/env";
import { db } from "../db";
import { getPaymentProvider } from "./payment-provider";

export interface SimulatedCheckoutView {
  sessionId: string;
  reservationId: string;
  performanceName: string;
  amountMinor: number;
  currency: string;
  seatCount: number;
  /** ISO 8601: when the hold (and so this payment page) lapses. */
  holdExpiresAt: string;
  /** Takes payment while the reservation waits for it and nothing was paid yet. */
  open: boolean;
  /** The server's clock (epoch ms) when this was read, for the countdown. */
  serverNowMs: number;
}

/** The simulated payment page of the buyer's own session; 404 while Stripe is in use. */
export async function getSimulatedCheckout({
  sessionId,
  userId,
  now = new Date(),
}: {
  sessionId: string;
  userId: string;
  now?: Date;
}): Promise<SimulatedCheckoutView> {
  const reservation = await findSession(sessionId, userId);
  const paid = reservation.payments.length > 0;
  return {
    sessionId,
    reservationId: reservation.id,
    performanceName: reservation.schedule.performance.name,
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    seatCount: reservation._count.seats,
    holdExpiresAt: reservation.holdExpiresAt.toISOString(),
    open: reservation.status === "PENDING" && !paid && reservation.holdExpiresAt > now,
    serverNowMs: now.getTime(),
  };
}

/**
 * The buyer pressed "Pay" or "Decline" on the simulated payment page: like Stripe, send
 * the webhook event for it (checkout.session.completed, or async_payment_failed for a
 * decline), signed with the webhook secret, to our own webhook route, and send the buyer
 * back to the checkout page. The route records it exactly as it records Stripe's.
 */
export async function submitSimulatedCheckout({
  sessionId,
  userId,
  email,
  outcome,
  now = new Date(),
}: {
  sessionId: string;
  userId: string;
  email: string | null;
  outcome: "pay" | "decline";
  now?: Date;
}): Promise<{ redirectTo: string }> {
  const view = await getSimulatedCheckout({ sessionId, userId, now });
  if (!view.open) {
    throw new AppError("CONFLICT", `simulated session ${sessionId} is not open`, {
      userMessage: "This payment page is no longer open.",
    });
  }
  const checkoutUrl = new URL(`/checkout/${view.reservationId}`, env.NEXTAUTH_URL);
  const facts: SimulatedSessionFacts = {
    sessionId,
    reservationId: view.reservationId,
    userId,
    customerEmail: email,
    amountMinor: view.amountMinor,
    currency: view.currency,
    successUrl: `${checkoutUrl.toString()}?paid=1`,
    cancelUrl: checkoutUrl.toString(),
    createdAt: now,
    expiresAt: new Date(view.holdExpiresAt),
  };
  const type =
    outcome === "pay" ? "checkout.session.completed" : "checkout.session.async_payment_failed";
  const event = checkoutSessionEvent(type, facts, {
    paymentIntentId: simulatedPaymentIntentId(),
    now,
  });
  const payload = JSON.stringify(event);
  const response = await fetch(new URL("/api/webhooks/stripe", env.NEXTAUTH_URL), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": signWebhookPayload(payload, env.STRIPE_WEBHOOK_SECRET, now),
    },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  }).catch((error: unknown) => {
    throw new AppError("SERVICE_UNAVAILABLE", "simulated webhook delivery failed", {
      cause: error,
    });
  });
  if (!response.ok) {
    throw new AppError("SERVICE_UNAVAILABLE", `simulated webhook answered ${response.status}`);
  }
  return { redirectTo: outcome === "pay" ? facts.successUrl : `${facts.cancelUrl}?declined=1` };
}

async function findSession(sessionId: string, userId: string) {
  if (getPaymentProvider().name !== "SIMULATED" || !isSimulatedSessionId(sessionId)) {
    throw new AppError("NOT_FOUND", `no simulated session ${sessionId}`);
  }
  const reservation = await db().reservation.findFirst({
    where: { checkoutProvider: "SIMULATED", checkoutSessionId: sessionId, userId },
    select: {
      id: true,
      status: true,
      amountMinor: true,
      currency: true,
      holdExpiresAt: true,
      schedule: { select: { performance: { select: { name: true } } } },
      payments: { where: { providerSessionId: sessionId }, select: { id: true } },
      _count: { select: { seats: true } },
    },
  });
  if (!reservation)
    throw new AppError("NOT_FOUND", `no simulated session ${sessionId} of this user`);
  return reservation;
}
