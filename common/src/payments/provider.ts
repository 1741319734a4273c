/**
 * The payment provider seam. Stripe in production; Simulated wherever no Stripe key is
 * configured (local runs, the demo, tests). Both are driven through the same webhook
 * route, outbox, Kafka topics and worker handlers: only these calls differ.
 */
export const paymentProviderNames = ["STRIPE", "SIMULATED"] as const;
export type PaymentProviderName = (typeof paymentProviderNames)[number];

export interface CheckoutLineItem {
  /** What the buyer sees on the payment page, e.g. "Aurora Symphony · R · row 3, seat 12". */
  name: string;
  amountMinor: number;
  quantity: number;
}

export interface CreateCheckoutOptions {
  reservationId: string;
  /**
   * How many of this reservation's sessions ended unpaid (declined) before this one. A
   * retry must be a new session: the idempotency key includes it.
   */
  attempt: number;
  userId: string;
  customerEmail?: string | undefined;
  /** ISO 4217, upper case, e.g. "EUR". */
  currency: string;
  lineItems: readonly CheckoutLineItem[];
  /**
   * When the buyer's hold lapses. A provider's session may live longer (Stripe's at least
   * 30 minutes); the worker expires it through the API when the hold lapses.
   */
  holdExpiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  provider: PaymentProviderName;
  sessionId: string;
  /** Where the buyer pays. */
  url: string;
  /** When the provider stops accepting payment for this session. */
  expiresAt: Date;
}

export type ExpireCheckoutOutcome = "expired" | "completed";

export interface RefundOptions {
  /** Our Payment id: the refund's idempotency key, so a retried refund is made once. */
  paymentId: string;
  /**
   * Our Refund id, for an organizer's refund of (part of) the payment: the idempotency key
   * instead of the payment id, so each Refund row is made once and several can be made.
   */
  refundId?: string | undefined;
  reservationId: string;
  providerPaymentId: string;
  amountMinor: number;
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /**
   * How long after a hold's end its checkout session may still take payment at the
   * latest, were it never expired through the API (Stripe: its 31-minute minimum).
   */
  readonly sessionOutlivesHoldMs: number;
  /** Idempotent per reservation and attempt: asking twice gives the same session. */
  createCheckoutSession(options: CreateCheckoutOptions): Promise<CheckoutSession>;
  /** The payment page of a session that still takes payment, or null once it does not. */
  getOpenCheckoutUrl(sessionId: string): Promise<string | null>;
  /**
   * Stops a session from taking payment: "expired" when this call or an earlier one did,
   * "completed" when the buyer already paid in it (its webhook is on its way).
   */
  expireCheckoutSession(sessionId: string): Promise<ExpireCheckoutOutcome>;
  /**
   * Refunds `amountMinor` of a payment; safe to call again for the same payment (or, with
   * `refundId`, the same refund).
   */
  refundPayment(options: RefundOptions): Promise<{ refundId: string }>;
}

/** Metadata keys we put on provider objects, to find our reservation from a webhook. */
export const paymentMetadataKeys = {
  reservationId: "reservation_id",
  userId: "user_id",
  paymentId: "payment_id",
} as const;
