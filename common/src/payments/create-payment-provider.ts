import type { PaymentProvider, PaymentProviderName } from "./provider";
import { SimulatedPaymentProvider } from "./simulated-provider";
import { StripePaymentProvider } from "./stripe-provider";

export interface CreatePaymentProviderOptions {
  provider: PaymentProviderName;
  stripeSecretKey?: string | undefined;
  stripeApiBase?: string | undefined;
  /** The web app's public address; only the simulated provider's checkout URLs use it. */
  appBaseUrl?: string | undefined;
}

export function createPaymentProvider(options: CreatePaymentProviderOptions): PaymentProvider {
  if (options.provider === "SIMULATED") {
    return new SimulatedPaymentProvider({
      appBaseUrl: options.appBaseUrl ?? "http://localhost:3000",
    });
  }
  if (!options.stripeSecretKey) throw new Error("the Stripe provider needs a secret key");
  return new StripePaymentProvider({
    secretKey: options.stripeSecretKey,
    apiBase: options.stripeApiBase,
  });
}
