import { z } from "zod";

/** Payment settings shared by the web app and the worker (each env module includes them). */
export const paymentEnvFields = {
  /** Unset: the Simulated provider. sk_test_... / sk_live_... (or a restricted rk_ key). */
  stripeSecretKey: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_... or sk_live_...)")
    .optional(),
  /** Another Stripe API host, e.g. stripe-mock (http://127.0.0.1:12111). Unset: Stripe. */
  stripeApiBase: z.url().optional(),
  /** Force a provider; by default Stripe when a secret key is set, else Simulated. */
  paymentProvider: z.enum(["stripe", "simulated"]).optional(),
};

export function resolvePaymentProvider({
  paymentProvider,
  stripeSecretKey,
}: {
  paymentProvider?: "stripe" | "simulated" | undefined;
  stripeSecretKey?: string | undefined;
}): "STRIPE" | "SIMULATED" {
  if (paymentProvider === "simulated") return "SIMULATED";
  if (paymentProvider === "stripe" && !stripeSecretKey) {
    throw new Error("PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY");
  }
  return stripeSecretKey ? "STRIPE" : "SIMULATED";
}
