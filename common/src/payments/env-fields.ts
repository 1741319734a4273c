import { z } from "zod";
import { EnvError } from "../env";

/** Payment settings shared by the web app and the worker (each env module includes them). */
export const paymentEnvFields = {
  /** Unset: the Simulated provider. sk_test_... / sk_live_... (or a restricted rk_ key). */
  stripeSecretKey: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_... or sk_live_...)")
    .optional(),
  /** Another Stripe API host, e.g. stripe-mock (http://127.0.0.1:12111). Unset: Stripe. */
  stripeApiBase: z.url().optional(),
  /**
   * Force a provider; by default Stripe when a secret key is set, else Simulated outside
   * production. Production runs the simulated provider only when named here.
   */
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

interface PaymentEnv {
  NODE_ENV: string;
  PAYMENT_PROVIDER?: "stripe" | "simulated" | undefined;
  STRIPE_SECRET_KEY?: string | undefined;
}

/**
 * What stops a process from taking payments as configured. In production a missing Stripe
 * key is a mistake, not a wish for fake payments: a shop that silently "sells" through the
 * simulated page takes no money, so it runs only when PAYMENT_PROVIDER=simulated says so.
 */
export function paymentConfigIssues(env: PaymentEnv): string[] {
  if (env.STRIPE_SECRET_KEY || env.PAYMENT_PROVIDER === "simulated") return [];
  if (env.PAYMENT_PROVIDER === "stripe") {
    return ["STRIPE_SECRET_KEY: required when PAYMENT_PROVIDER=stripe"];
  }
  if (env.NODE_ENV !== "production") return [];
  return [
    "STRIPE_SECRET_KEY: required in production; to run the simulated provider (no money " +
      "moves, every page says so) set PAYMENT_PROVIDER=simulated",
  ];
}

/** Stops the process with a message naming the variable when paymentConfigIssues finds any. */
export function exitOnPaymentConfigIssues(env: PaymentEnv): void {
  const issues = paymentConfigIssues(env);
  if (issues.length === 0) return;
  console.error(new EnvError(issues).message);
  process.exit(1);
}
