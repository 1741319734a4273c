import Stripe from "stripe";
import {
  paymentMetadataKeys,
  type CheckoutSession,
  type CreateCheckoutOptions,
  type ExpireCheckoutOutcome,
  type PaymentProvider,
  type RefundOptions,
} from "./provider";

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes from now. */
const MIN_SESSION_LIFETIME_S = 31 * 60;

export interface StripeProviderOptions {
  secretKey: string;
  /** Another API host, e.g. stripe-mock in tests: "http://127.0.0.1:12111". */
  apiBase?: string | undefined;
  timeoutMs?: number;
}

export function createStripeClient({
  secretKey,
  apiBase,
  timeoutMs = 10_000,
}: StripeProviderOptions): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    // The SDK retries network errors and 409/429/5xx with the same idempotency key.
    maxNetworkRetries: 2,
    timeout: timeoutMs,
    appInfo: { name: "ticketping" },
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

/** Attempt 0 keeps the key sessions were created with before retries existed. */
function checkoutIdempotencyKey(reservationId: string, attempt: number): string {
  return attempt === 0 ? `checkout-${reservationId}` : `checkout-${reservationId}-${attempt}`;
}

/**
 * Stripe Checkout. A session's expiry is derived from the hold (not from "now"), so a
 * repeated create with the same idempotency key sends identical parameters and Stripe
 * answers with the first session instead of an idempotency error.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = "STRIPE" as const;
  readonly sessionOutlivesHoldMs = MIN_SESSION_LIFETIME_S * 1_000;
  private readonly stripe: Stripe;

  constructor(options: StripeProviderOptions | { client: Stripe }) {
    this.stripe = "client" in options ? options.client : createStripeClient(options);
  }

  async createCheckoutSession(options: CreateCheckoutOptions): Promise<CheckoutSession> {
    const metadata = {
      [paymentMetadataKeys.reservationId]: options.reservationId,
      [paymentMetadataKeys.userId]: options.userId,
    };
    const expiresAt = Math.floor(options.holdExpiresAt.getTime() / 1000) + MIN_SESSION_LIFETIME_S;
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: options.reservationId,
        metadata,
        payment_intent_data: { metadata },
        ...(options.customerEmail ? { customer_email: options.customerEmail } : {}),
        line_items: options.lineItems.map((item) => ({
          quantity: item.quantity,
          price_data: {
            currency: options.currency.toLowerCase(),
            unit_amount: item.amountMinor,
            product_data: { name: item.name },
          },
        })),
        expires_at: expiresAt,
        success_url: options.successUrl,
        cancel_url: options.cancelUrl,
      },
      { idempotencyKey: checkoutIdempotencyKey(options.reservationId, options.attempt) },
    );
    if (!session.url)
      throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return {
      provider: "STRIPE",
      sessionId: session.id,
      url: session.url,
      expiresAt: new Date(session.expires_at * 1000),
    };
  }

  async getOpenCheckoutUrl(sessionId: string): Promise<string | null> {
    const session = await this.stripe.checkout.sessions.retrieve(sessionId);
    return session.status === "open" ? session.url : null;
  }

  async expireCheckoutSession(sessionId: string): Promise<ExpireCheckoutOutcome> {
    try {
      await this.stripe.checkout.sessions.expire(sessionId);
      return "expired";
    } catch (error) {
      // Only an open session can be expired; one that completed or expired already is
      // answered with an invalid-request error. Anything else (network, 5xx) is retried.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      const session = await this.stripe.checkout.sessions.retrieve(sessionId);
      if (session.status === "open") throw error;
      return session.status === "complete" ? "completed" : "expired";
    }
  }

  async refundPayment(options: RefundOptions): Promise<{ refundId: string }> {
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: options.providerPaymentId,
          amount: options.amountMinor,
          reason: "requested_by_customer",
          metadata: {
            [paymentMetadataKeys.paymentId]: options.paymentId,
            [paymentMetadataKeys.reservationId]: options.reservationId,
          },
        },
        {
          idempotencyKey: options.refundId
            ? `refund-${options.refundId}`
            : `refund-${options.paymentId}`,
        },
      );
      return { refundId: refund.id };
    } catch (error) {
      // Refunded already (by an earlier attempt whose answer was lost, or from the
      // dashboard): the money is back, which is all this call promises.
      if (
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        error.code === "charge_already_refunded"
      ) {
        return { refundId: "already-refunded" };
      }
      throw error;
    }
  }
}
