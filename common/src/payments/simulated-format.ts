import { createHash, randomBytes } from "node:crypto";
import Stripe from "stripe";
import { paymentMetadataKeys } from "./provider";

// The simulated provider's wire format, in one place: the ids it makes (Stripe's, with
// "_sim_" after the prefix, so no id of one provider passes for the other's) and the
// webhook events its payment page sends, exactly as Stripe sends them.

const prefixes = {
  session: "cs_sim_",
  paymentIntent: "pi_sim_",
  event: "evt_sim_",
  refund: "re_sim_",
} as const;

/** A simulated checkout session id (for route parameters that accept only those). */
export const SIMULATED_SESSION_ID_PATTERN = /^cs_sim_[0-9a-f]{32}$/;

/**
 * The simulated session of a reservation's checkout attempt: one per attempt, like
 * Stripe's idempotency key. A retry after a decline gets a new id, so the declined one's
 * payment record cannot swallow the retry's.
 */
export function simulatedSessionId(reservationId: string, attempt = 0): string {
  const hex =
    attempt === 0
      ? reservationId.replaceAll("-", "")
      : createHash("sha256").update(`${reservationId}:${attempt}`).digest("hex").slice(0, 32);
  return `${prefixes.session}${hex}`;
}

export function isSimulatedSessionId(sessionId: string): boolean {
  return SIMULATED_SESSION_ID_PATTERN.test(sessionId);
}

/** A checkout session or payment intent id that the simulated provider made. */
export function isSimulatedObjectId(id: string): boolean {
  return isSimulatedSessionId(id) || id.startsWith(prefixes.paymentIntent);
}

export function simulatedPaymentIntentId(): string {
  return randomId(prefixes.paymentIntent);
}

/** The same refund id for every refund of one payment, like Stripe's idempotency key. */
export function simulatedRefundId(paymentId: string): string {
  return `${prefixes.refund}${createHash("sha256").update(paymentId).digest("hex").slice(0, 24)}`;
}

export interface SimulatedSessionFacts {
  sessionId: string;
  reservationId: string;
  userId: string;
  customerEmail: string | null;
  amountMinor: number;
  currency: string;
  successUrl: string;
  cancelUrl: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * A webhook event exactly as Stripe sends it for a Checkout Session (the fields of API
 * version the SDK pins; Stripe's documented event and session objects), so the webhook
 * route cannot tell the simulated checkout from Stripe's.
 */
export function checkoutSessionEvent(
  type:
    | "checkout.session.completed"
    | "checkout.session.async_payment_failed"
    | "checkout.session.expired",
  facts: SimulatedSessionFacts,
  { paymentIntentId, now = new Date() }: { paymentIntentId: string | null; now?: Date },
): Record<string, unknown> {
  const paid = type === "checkout.session.completed";
  const metadata = {
    [paymentMetadataKeys.reservationId]: facts.reservationId,
    [paymentMetadataKeys.userId]: facts.userId,
  };
  const amount = facts.amountMinor;
  const session = {
    id: facts.sessionId,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: amount,
    amount_total: amount,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_address_collection: null,
    cancel_url: facts.cancelUrl,
    client_reference_id: facts.reservationId,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created: toUnix(facts.createdAt),
    currency: facts.currency.toLowerCase(),
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: null,
    customer_creation: "if_required",
    customer_details: facts.customerEmail
      ? {
          address: null,
          email: facts.customerEmail,
          name: null,
          phone: null,
          tax_exempt: "none",
          tax_ids: [],
        }
      : null,
    customer_email: facts.customerEmail,
    expires_at: toUnix(facts.expiresAt),
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    metadata,
    mode: "payment",
    payment_intent: paymentIntentId,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_types: ["card"],
    payment_status: paid ? "paid" : "unpaid",
    phone_number_collection: { enabled: false },
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: type === "checkout.session.expired" ? "expired" : "complete",
    submit_type: null,
    subscription: null,
    success_url: facts.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: null,
  };
  return {
    id: randomId(prefixes.event),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: toUnix(now),
    data: { object: session },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** The Stripe-Signature header Stripe would send with `payload`, from the SDK's own helper. */
export function signWebhookPayload(payload: string, secret: string, now = new Date()): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: toUnix(now),
  });
}

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString("hex")}`;
}

function toUnix(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
