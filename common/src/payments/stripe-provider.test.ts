import { describe, expect, it } from "vitest";
import { createStripeClient, StripePaymentProvider } from "./stripe-provider";

/**
 * The real Stripe SDK against stripe-mock (scripts/stripe-mock.sh up), which validates
 * every request against Stripe's OpenAPI description: a parameter Stripe would refuse
 * fails here. stripe-mock keeps no state, so answers are fixtures; what is checked is
 * that each call we make is one Stripe accepts. Required under `npm test` (which sets
 * STRIPE_MOCK_URL once stripe-mock runs); skipped when a file runs alone without stripe-mock.
 */
const stripeMockUrl = process.env.STRIPE_MOCK_URL ?? "http://127.0.0.1:12111";

async function stripeMockAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`${stripeMockUrl}/v1/customers?limit=1`, {
      headers: { authorization: "Bearer sk_test_123" },
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

const available = await stripeMockAnswers();
if (!available && process.env.STRIPE_MOCK_URL) {
  throw new Error(`stripe-mock does not answer on ${stripeMockUrl}; run scripts/stripe-mock.sh up`);
}

describe.skipIf(!available)("Stripe provider against stripe-mock", () => {
  const provider = new StripePaymentProvider({ secretKey: "sk_test_123", apiBase: stripeMockUrl });
  const holdExpiresAt = new Date(Date.now() + 5 * 60_000);

  it("creates a Checkout Session that Stripe's API accepts", async () => {
    const session = await provider.createCheckoutSession({
      reservationId: "0196f0c2-0000-7000-8000-000000000001",
      attempt: 0,
      userId: "0196f0c2-0000-7000-8000-000000000002",
      customerEmail: "buyer@example.com",
      currency: "EUR",
      lineItems: [
        { name: "Aurora Symphony · R · row 1, seat 1", amountMinor: 12_000, quantity: 1 },
        { name: "Aurora Symphony · R · row 1, seat 2", amountMinor: 12_000, quantity: 1 },
      ],
      holdExpiresAt,
      successUrl: "http://localhost:3000/checkout/x?paid=1",
      cancelUrl: "http://localhost:3000/checkout/x",
    });
    expect(session.provider).toBe("STRIPE");
    expect(session.sessionId).toMatch(/^cs_/);
    expect(session.url).toMatch(/^https:\/\//);
  });

  it("expires a session, and reads a session's payment page", async () => {
    expect(await provider.expireCheckoutSession("cs_test_123")).toMatch(/^(expired|completed)$/);
    // stripe-mock's fixture session is open with a URL.
    expect(await provider.getOpenCheckoutUrl("cs_test_123")).toMatch(/^https:\/\//);
  });

  it("refunds a payment intent with an idempotency key", async () => {
    const refund = await provider.refundPayment({
      paymentId: "0196f0c2-0000-7000-8000-000000000003",
      reservationId: "0196f0c2-0000-7000-8000-000000000001",
      providerPaymentId: "pi_123",
      amountMinor: 24_000,
    });
    expect(refund.refundId).toMatch(/^re_/);
  });

  it("is checked by a mock that refuses what Stripe would refuse", async () => {
    // Proves the passing calls above mean something: an unknown parameter is rejected.
    const stripe = createStripeClient({ secretKey: "sk_test_123", apiBase: stripeMockUrl });
    const invalid = { mode: "payment", not_a_stripe_parameter: 1 } as unknown as Parameters<
      typeof stripe.checkout.sessions.create
    >[0];
    await expect(stripe.checkout.sessions.create(invalid)).rejects.toThrow(
      /additional properties are not allowed/,
    );
  });
});
