import { createHash } from "node:crypto";
import type {
  CheckoutSession,
  CreateCheckoutOptions,
  PaymentProvider,
  RefundOptions,
} from "./provider";

const SESSION_PREFIX = "cs_sim_";

/** The simulated session of a reservation: one per reservation, like Stripe's idempotency key. */
export function simulatedSessionId(reservationId: string): string {
  return `${SESSION_PREFIX}${reservationId.replaceAll("-", "")}`;
}

export function isSimulatedSessionId(sessionId: string): boolean {
  return /^cs_sim_[0-9a-f]{32}$/.test(sessionId);
}

/**
 * Payments without a payment company, for local runs, the demo and tests. The buyer pays
 * on our own page (`/simulated-checkout/<session>`), which sends a webhook in Stripe's
 * event format, signed with the webhook secret, to the real webhook route: everything
 * after the payment page runs exactly the production code.
 *
 * It keeps no state: a session takes payment while its reservation is PENDING (the web
 * app checks), and expiring or refunding has nothing to call.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = "SIMULATED" as const;

  constructor(private readonly options: { appBaseUrl: string }) {}

  createCheckoutSession(options: CreateCheckoutOptions): Promise<CheckoutSession> {
    const sessionId = simulatedSessionId(options.reservationId);
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

  expireCheckoutSession(): Promise<"expired" | "not-open"> {
    return Promise.resolve("expired");
  }

  refundPayment(options: RefundOptions): Promise<{ refundId: string }> {
    const digest = createHash("sha256").update(options.paymentId).digest("hex").slice(0, 24);
    return Promise.resolve({ refundId: `re_sim_${digest}` });
  }

  private checkoutUrl(sessionId: string): string {
    return new URL(`/simulated-checkout/${sessionId}`, this.options.appBaseUrl).toString();
  }
}
