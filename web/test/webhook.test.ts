import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuyers, seedPerformance, type SeededSchedule } from "./support/booking";
import {
  chargeRefundedEvent,
  checkoutEvent,
  deliverWebhook,
  inParallel,
  seatCheckouts,
  webhookSecret,
} from "./support/payments";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * The webhook route against the production build and a real database: what it records
 * (Payment, processed event id, outbox row, all in one transaction) and what it refuses.
 * No worker runs here: the outbox rows are the route's whole output.
 */
const secret = webhookSecret();
let system: WebTestSystem;
let web: RunningWebServer;
let checkouts: ReturnType<typeof seatCheckouts>;

async function recorded(reservationId: string) {
  const prisma = system.prisma;
  const [payments, outbox] = await Promise.all([
    prisma.payment.findMany({ where: { reservationId } }),
    prisma.outboxEvent.findMany({ where: { key: reservationId } }),
  ]);
  return { payments, outbox };
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_webhook" });
  const [schedule] = (await seedPerformance(system.prisma, { rows: 2, columns: 10 })) as [
    SeededSchedule,
  ];
  const userIds = (await createBuyers(system.prisma, 2)).map((buyer) => buyer.id);
  checkouts = seatCheckouts(system.prisma, { schedule, userIds });
  web = await system.startWeb({
    env: { STRIPE_WEBHOOK_SECRET: secret, PAYMENT_PROVIDER: "simulated" },
  });
});

afterAll(async () => {
  await system.stop();
});

describe("webhook signature", () => {
  it("refuses a forged, a stale, a future, a tampered and a missing signature with 400, recording nothing", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const event = checkoutEvent("checkout.session.completed", {
      reservationId,
      sessionId,
      amountMinor,
    });
    const forged = await deliverWebhook(web.baseUrl, event, { secret: webhookSecret() });
    const stale = await deliverWebhook(web.baseUrl, event, {
      secret,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    // Correctly signed but dated beyond the tolerance ahead of our clock.
    const future = await deliverWebhook(web.baseUrl, event, {
      secret,
      timestamp: Math.floor(Date.now() / 1000) + 400,
    });
    const tampered = await deliverWebhook(web.baseUrl, event, {
      secret,
      body: JSON.stringify({
        ...event,
        data: { object: { ...event.data.object, amount_total: 1 } },
      }),
    });
    const missing = await fetch(`${web.baseUrl}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
    });

    for (const answer of [forged, stale, future, tampered]) {
      expect(answer.status).toBe(400);
      expect(answer.json.error?.code).toBe("WEBHOOK_SIGNATURE_INVALID");
    }
    expect(missing.status).toBe(400);
    expect(await recorded(reservationId)).toEqual({ payments: [], outbox: [] });
    expect(await system.prisma.processedEvent.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe("recording payments", () => {
  it("accepts a signature dated a little ahead of our clock (skew within the tolerance)", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const event = checkoutEvent("checkout.session.completed", {
      reservationId,
      sessionId,
      amountMinor,
    });
    const answer = await deliverWebhook(web.baseUrl, event, {
      secret,
      timestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data?.outcome).toBe("payment-recorded");
  });

  it("records a paid checkout: the Payment and a payment.completed outbox row, answered 200", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const event = checkoutEvent("checkout.session.completed", {
      reservationId,
      sessionId,
      amountMinor,
      paymentIntentId: "pi_sim_0123456789abcdef01234567",
    });
    const answer = await deliverWebhook(web.baseUrl, event, { secret });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ eventId: event.id, outcome: "payment-recorded" });

    const { payments, outbox } = await recorded(reservationId);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      provider: "SIMULATED",
      providerSessionId: sessionId,
      providerPaymentId: "pi_sim_0123456789abcdef01234567",
      amountMinor,
      currency: "EUR",
      status: "COMPLETED",
    });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ topic: "ticketping.payment.completed", publishedAt: null });
    expect(outbox[0]?.payload).toMatchObject({
      type: "payment.completed",
      payload: { reservationId, paymentId: payments[0]?.id, amountMinor },
    });
  });

  it("delivered three times (twice at once), records one payment and one outbox row", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const event = checkoutEvent("checkout.session.completed", {
      reservationId,
      sessionId,
      amountMinor,
    });
    const first = await deliverWebhook(web.baseUrl, event, { secret });
    const again = await Promise.all([
      deliverWebhook(web.baseUrl, event, { secret }),
      deliverWebhook(web.baseUrl, event, { secret }),
    ]);
    expect([first, ...again].map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(first.json.data?.outcome).toBe("payment-recorded");
    expect(again.map((answer) => answer.json.data?.outcome)).toEqual(["duplicate", "duplicate"]);
    const { payments, outbox } = await recorded(reservationId);
    expect(payments).toHaveLength(1);
    expect(outbox).toHaveLength(1);
  });

  it("two different events for one payment racing record one payment", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const facts = { reservationId, sessionId, amountMinor, paymentIntentId: "pi_sim_race0000" };
    const events = [
      checkoutEvent("checkout.session.completed", facts),
      checkoutEvent("checkout.session.async_payment_succeeded", facts),
    ];
    // Three copies of the pair at once, so the two kinds interleave every way.
    const answers = await inParallel([...events, ...events, ...events], 6, (event) =>
      deliverWebhook(web.baseUrl, event, { secret }),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const outcomes = answers.map((answer) => answer.json.data?.outcome);
    expect(outcomes.filter((outcome) => outcome === "payment-recorded")).toHaveLength(1);
    const { payments, outbox } = await recorded(reservationId);
    expect(payments).toHaveLength(1);
    expect(outbox).toHaveLength(1);
  });

  it("waits for an asynchronous payment, then records its failure", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const facts = { reservationId, sessionId, amountMinor, paymentIntentId: "pi_sim_async0000" };
    const pending = await deliverWebhook(
      web.baseUrl,
      checkoutEvent("checkout.session.completed", { ...facts, paymentStatus: "unpaid" }),
      { secret },
    );
    expect(pending.json.data?.outcome).toBe("awaiting-async-payment");
    expect(await recorded(reservationId)).toEqual({ payments: [], outbox: [] });

    const failed = await deliverWebhook(
      web.baseUrl,
      checkoutEvent("checkout.session.async_payment_failed", facts),
      { secret },
    );
    expect(failed.json.data?.outcome).toBe("payment-failed");
    const { payments, outbox } = await recorded(reservationId);
    expect(payments.map((payment) => payment.status)).toEqual(["FAILED"]);
    expect(outbox.map((row) => row.topic)).toEqual(["ticketping.payment.failed"]);
  });

  it("records a session's expiry and a full refund, and ignores a partial one", async () => {
    const { reservationId, sessionId, amountMinor } = await checkouts.one();
    const expired = await deliverWebhook(
      web.baseUrl,
      checkoutEvent("checkout.session.expired", { reservationId, sessionId, amountMinor }),
      { secret },
    );
    expect(expired.json.data?.outcome).toBe("checkout-expired");

    const paid = await checkouts.one();
    const paymentIntentId = "pi_sim_refund000";
    await deliverWebhook(
      web.baseUrl,
      checkoutEvent("checkout.session.completed", { ...paid, paymentIntentId }),
      { secret },
    );
    const partial = await deliverWebhook(
      web.baseUrl,
      chargeRefundedEvent({
        paymentIntentId,
        amountMinor: paid.amountMinor,
        refundedMinor: 100,
      }),
      { secret },
    );
    expect(partial.json.data?.outcome).toBe("ignored");
    const full = await deliverWebhook(
      web.baseUrl,
      chargeRefundedEvent({ paymentIntentId, amountMinor: paid.amountMinor }),
      { secret },
    );
    expect(full.json.data?.outcome).toBe("refund-recorded");

    expect((await recorded(reservationId)).outbox.map((row) => row.topic)).toEqual([
      "ticketping.checkout.expired",
    ]);
    const { payments, outbox } = await recorded(paid.reservationId);
    expect(payments[0]?.status).toBe("REFUNDED");
    expect(payments[0]?.refundedAt).not.toBeNull();
    expect(outbox.map((row) => row.topic).sort()).toEqual([
      "ticketping.payment.completed",
      "ticketping.payment.refunded",
    ]);
  });

  it("answers 200 to events it does not act on, and to sessions of no reservation of ours", async () => {
    const other = await deliverWebhook(
      web.baseUrl,
      {
        ...checkoutEvent("checkout.session.completed", await checkouts.one()),
        type: "customer.created",
      },
      { secret },
    );
    expect(other.status).toBe(200);
    expect(other.json.data?.outcome).toBe("ignored");
    const foreign = await deliverWebhook(
      web.baseUrl,
      checkoutEvent("checkout.session.completed", {
        reservationId: "not-ours",
        sessionId: "cs_sim_00000000000000000000000000000000",
        amountMinor: 100,
      }),
      { secret },
    );
    expect(foreign.status).toBe(200);
    expect(foreign.json.data?.outcome).toBe("ignored");
  });
});
