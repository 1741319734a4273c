import "server-only";
import {
  createPaymentProvider,
  resolvePaymentProvider,
  type PaymentProvider,
} from "@ticketping/common/payments";
import { env } from "@/env";

const globalForPayments = globalThis as unknown as { ticketpingPayments?: PaymentProvider };

/** Stripe when STRIPE_SECRET_KEY is set (or PAYMENT_PROVIDER says so), else Simulated. */
export function getPaymentProvider(): PaymentProvider {
  globalForPayments.ticketpingPayments ??= createPaymentProvider({
    provider: resolvePaymentProvider({
      paymentProvider: env.PAYMENT_PROVIDER,
      stripeSecretKey: env.STRIPE_SECRET_KEY,
    }),
    stripeSecretKey: env.STRIPE_SECRET_KEY,
    stripeApiBase: env.STRIPE_API_BASE,
    appBaseUrl: env.NEXTAUTH_URL,
  });
  return globalForPayments.ticketpingPayments;
}
