import type {
  CheckoutSession,
  CreateCheckoutOptions,
  ExpireCheckoutOutcome,
  PaymentProvider,
  RefundOptions,
} from "./provider";
import { isSimulatedSessionId, simulatedRefundId, simulatedSessionId } from "./simulated-format";

/**
 * Payments without a payment company, for local runs, the demo and tests. The buyer pays
 * on our own page (`/simulated-checkout/<session>`), which sends a webhook in Stripe's
 * event format, signed with the webhook secret, to the real webhook route: everything
 * after the payment page runs exactly the production code.
 *
 * It keeps no state: a session takes payment while it is its PENDING reservation's current
 * session and unpaid (the web app checks), and expiring or refunding has nothing to call.
 * Its payment page records the payment synchronously, so a session is never "completed"
 * without PostgreSQL knowing.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = "SIMULATED" as const;
  // Its page refuses payment once the hold has ended.
  readonly sessionOutlivesHoldMs = 0;

  constructor(private readonly options: { appBaseUrl: string }) {}

  createCheckoutSession(options: CreateCheckoutOptions): Promise<CheckoutSession> {
    const sessionId = simulatedSessionId(options.reservationId, options.attempt);
    return Promise.resolve({
      provider: "SIMULATED",
      sessionId,
      url: this.checkoutUrl(sessionId),
      expiresAt: options.holdExpiresAt,
    });
  }

  getOpenCheckoutUrl(sessionId: string): Promise<string | null> {
    return Promise.resolve(isSimulatedSessionId(sessionId) ? this.checkoutUrl(sessionId) : null);
  }

  expireCheckoutSession(): Promise<ExpireCheckoutOutcome> {
    return Promise.resolve("expired");
  }

  refundPayment(options: RefundOptions): Promise<{ refundId: string }> {
    return Promise.resolve({ refundId: simulatedRefundId(options.refundId ?? options.paymentId) });
  }

  private checkoutUrl(sessionId: string): string {
    return new URL(`/simulated-checkout/${sessionId}`, this.options.appBaseUrl).toString();
  }
}
