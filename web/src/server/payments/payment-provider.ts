import "server-only";
import {
  createPaymentProvider,
  resolvePaymentProvider,
  type PaymentProvider,
} from "@ticketping/common/payments";
import { env } from "@/env";
import { logger } from "../logger";

const globalForPayments = globalThis as unknown as { ticketpingPayments?: PaymentProvider };

/** Stripe when STRIPE_SECRET_KEY is set (or PAYMENT_PROVIDER says so), else Simulated. */
export function getPaymentProvider(): PaymentProvider {
  if (!globalForPayments.ticketpingPayments) {
    const provider = resolvePaymentProvider({
      paymentProvider: env.PAYMENT_PROVIDER,
      stripeSecretKey: env.STRIPE_SECRET_KEY,
    });
    if (provider === "SIMULATED" && env.NODE_ENV === "production") {
      // Right for the demo and tests; anywhere else it hands out tickets for nothing.
      logger.warn("payments are SIMULATED: buyers pay on a test page and no money is taken");
    }
    globalForPayments.ticketpingPayments = createPaymentProvider({
      provider,
      stripeSecretKey: env.STRIPE_SECRET_KEY,
      stripeApiBase: env.STRIPE_API_BASE,
      appBaseUrl: env.NEXTAUTH_URL,
    });
  }
  return globalForPayments.ticketpingPayments;
}
