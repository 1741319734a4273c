import "server-only";
import { isSimulatedObjectId, type PaymentProviderName } from "@ticketping/common/payments";
import { getPaymentProvider } from "../payment-provider";

/**
 * Which provider made a session or payment intent id; a simulated one is accepted only
 * while Simulated runs (null otherwise), so a forged simulated id cannot pay on Stripe.
 */
export function providerOf(id: string): PaymentProviderName | null {
  if (!isSimulatedObjectId(id)) return "STRIPE";
  return getPaymentProvider().name === "SIMULATED" ? "SIMULATED" : null;
}
