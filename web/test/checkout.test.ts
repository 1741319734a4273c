import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleKeys } from "@ticketping/common/seats";
import { grantKey } from "@ticketping/common/queue";
import type { SpawnedService } from "@ticketping/common/testing";
import { cancelShow } from "@ticketping/db/lifecycle";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import { startWorker, webhookSecret } from "./support/payments";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * The buyer's whole payment path through real HTTP with the Simulated provider: hold (the
 * booking API), checkout, the simulated payment page and its webhook, the worker's
 * confirmation, cancellation and refund. Real PostgreSQL, Redis and Kafka.
 */
const poll = { timeout: 20_000, interval: 100 };

let system: WebTestSystem;
let web: RunningWebServer;
let worker: SpawnedService;
let schedule: SeededSchedule;
let buyers: TestBuyer[];
let nextSeat = 0;

interface Body<T> {
  data?: T;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}
interface Checkout {
  provider: string;
  sessionId: string;
  url: string;
}
interface CheckoutState {
  status: string;
  statusReason: string | null;
  cancellable: boolean;
  paymentDeclined: boolean;
}

const buyer = (index: number) => buyers[index] as TestBuyer;

async function headersFor(who: TestBuyer, withToken = true): Promise<Record<string, string>> {
  if (withToken) return system.buyerHeaders(who, schedule.performanceId);
  return { cookie: await system.sessionCookie(who) };
}

async function call<T>(
  path: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: Body<T> }> {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body<T> };
}

/** A hold through the booking API, as the seat map makes it. */
async function hold(
  who: TestBuyer,
  seats = 1,
): Promise<{ reservationId: string; seatIds: string[] }> {
  const seatIds = schedule.seatIds.slice(nextSeat, nextSeat + seats);
  nextSeat += seats;
  const { status, body } = await call<{ reservationId: string }>(
    `/api/schedules/${schedule.scheduleId}/holds`,
    { method: "POST", headers: await headersFor(who), body: { seatIds } },
  );
  if (status !== 201 && status !== 200) throw new Error(`hold failed: ${JSON.stringify(body)}`);
  return { reservationId: body.data?.reservationId ?? "", seatIds };
}

async function startCheckout(
  who: TestBuyer,
  reservationId: string,
  { withToken = true, headers }: { withToken?: boolean; headers?: Record<string, string> } = {},
) {
  return call<Checkout>(`/api/reservations/${reservationId}/checkout`, {
    method: "POST",
    headers: headers ?? (await headersFor(who, withToken)),
  });
}

/** The simulated payment page's form, as the browser posts it. */
async function submitPayment(who: TestBuyer, sessionId: string, outcome: "pay" | "decline") {
  return fetch(`${web.baseUrl}/simulated-checkout/${sessionId}/submit`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...(await headersFor(who, false)),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ outcome }),
  });
}

async function state(who: TestBuyer, reservationId: string) {
  const { body } = await call<CheckoutState>(`/api/reservations/${reservationId}/checkout`, {
    headers: await headersFor(who, false),
  });
  return body.data;
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_checkout" });
  [schedule] = (await seedPerformance(system.prisma, { rows: 2, columns: 10 })) as [SeededSchedule];
  buyers = await createBuyers(system.prisma, 6);
  [web, worker] = await Promise.all([
    system.startWeb({
      env: {
        STRIPE_WEBHOOK_SECRET: webhookSecret(),
        PAYMENT_PROVIDER: "simulated",
        HOLD_TTL_SECONDS: "60",
        HOLD_MAX_OPEN_PER_BUYER: "10",
      },
    }),
    startWorker({
      databaseUrl: system.database.url,
      env: { SEAT_KEY_PREFIX: system.keyPrefix },
    }),
  ]);
});

afterAll(async () => {
  await worker.stop("SIGTERM");
  await system.stop();
});

describe("checkout", () => {
  it("needs a session and the buyer's own reservation, but no working token: the hold entitles its owner to pay", async () => {
    const { reservationId } = await hold(buyer(0));
    const anonymous = await call(`/api/reservations/${reservationId}/checkout`, { method: "POST" });
    expect(anonymous.status).toBe(401);
    const someoneElse = await startCheckout(buyer(1), reservationId);
    expect(someoneElse.status).toBe(404);
    expect(someoneElse.body.error?.code).toBe("NOT_FOUND");
    const badId = await call("/api/reservations/not-a-uuid/checkout", {
      method: "POST",
      headers: await headersFor(buyer(0)),
    });
    expect(badId.status).toBe(404);

    // The buyer's slot is gone (ended, revoked): the hold still lets them pay.
    await system.redis.del(grantKey(system.keyPrefix, schedule.performanceId, buyer(0).id));
    const withoutSlot = await startCheckout(buyer(0), reservationId, { withToken: false });
    expect(withoutSlot.status).toBe(200);
    const paid = await submitPayment(buyer(0), withoutSlot.body.data?.sessionId ?? "", "pay");
    expect(paid.status).toBe(303);
    await expect
      .poll(async () => (await state(buyer(0), reservationId))?.status, poll)
      .toBe("CONFIRMED");
  });

  it("opens one payment page per hold, however often it is asked", async () => {
    const { reservationId } = await hold(buyer(0));
    // One working token (a newer grant would end the first).
    const headers = await headersFor(buyer(0));
    const [first, second] = await Promise.all([
      startCheckout(buyer(0), reservationId, { headers }),
      startCheckout(buyer(0), reservationId, { headers }),
    ]);
    expect(first.status).toBe(200);
    expect(first.body.data?.provider).toBe("SIMULATED");
    expect(first.body.data?.url).toBe(
      `${web.baseUrl}/simulated-checkout/${first.body.data?.sessionId ?? ""}`,
    );
    expect(second.body.data?.sessionId).toBe(first.body.data?.sessionId);
    const stored = await system.prisma.reservation.findUniqueOrThrow({
      where: { id: reservationId },
    });
    expect(stored).toMatchObject({
      checkoutProvider: "SIMULATED",
      checkoutSessionId: first.body.data?.sessionId,
    });
  });

  it("pays on the simulated page: webhook, outbox, Kafka, worker, CONFIRMED and SOLD", async () => {
    const { reservationId, seatIds } = await hold(buyer(2), 2);
    const { body } = await startCheckout(buyer(2), reservationId);
    const sessionId = body.data?.sessionId ?? "";

    const page = await fetch(`${web.baseUrl}/simulated-checkout/${sessionId}`, {
      headers: await headersFor(buyer(2), false),
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Test payment page");
    const strangersPage = await fetch(`${web.baseUrl}/simulated-checkout/${sessionId}`, {
      headers: await headersFor(buyer(3), false),
    });
    expect(strangersPage.status).toBe(404);

    const paid = await submitPayment(buyer(2), sessionId, "pay");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${web.baseUrl}/checkout/${reservationId}?paid=1`);

    await expect
      .poll(async () => (await state(buyer(2), reservationId))?.status, poll)
      .toBe("CONFIRMED");
    const payment = await system.prisma.payment.findFirstOrThrow({ where: { reservationId } });
    expect(payment).toMatchObject({ provider: "SIMULATED", status: "COMPLETED" });
    expect(payment.providerPaymentId).toMatch(/^pi_sim_/);
    await expect
      .poll(
        () =>
          system.redis.hmget(
            scheduleKeys(system.keyPrefix, schedule.scheduleId).status,
            ...seatIds,
          ),
        poll,
      )
      .toEqual(seatIds.map(() => `S:${reservationId}`));

    // The page is closed now, and a second payment cannot be started.
    expect((await submitPayment(buyer(2), sessionId, "pay")).status).toBe(409);
    const again = await startCheckout(buyer(2), reservationId);
    expect(again.status).toBe(409);
    const checkoutPage = await fetch(`${web.baseUrl}/checkout/${reservationId}`, {
      headers: await headersFor(buyer(2), false),
    });
    expect(checkoutPage.status).toBe(200);
    expect(await checkoutPage.text()).toContain("Test Concert");
  });

  it("a declined payment keeps the hold; the declined session is closed and a fresh one pays", async () => {
    const { reservationId, seatIds } = await hold(buyer(3));
    const first = await startCheckout(buyer(3), reservationId);
    const declinedSession = first.body.data?.sessionId ?? "";
    const declined = await submitPayment(buyer(3), declinedSession, "decline");
    expect(declined.status).toBe(303);
    expect(declined.headers.get("location")).toContain("declined=1");

    expect(await state(buyer(3), reservationId)).toMatchObject({
      status: "PENDING",
      paymentDeclined: true,
    });
    const seat = await system.prisma.seat.findUniqueOrThrow({ where: { id: seatIds[0] ?? "" } });
    expect(seat.status).toBe("HELD");
    // The declined session can no longer take a payment.
    expect((await submitPayment(buyer(3), declinedSession, "pay")).status).toBe(404);

    const retry = await startCheckout(buyer(3), reservationId);
    expect(retry.status).toBe(200);
    const retrySession = retry.body.data?.sessionId ?? "";
    expect(retrySession).not.toBe(declinedSession);
    // A new attempt is under way: the decline is history.
    expect((await state(buyer(3), reservationId))?.paymentDeclined).toBe(false);
    expect((await submitPayment(buyer(3), retrySession, "pay")).status).toBe(303);
    await expect
      .poll(async () => (await state(buyer(3), reservationId))?.status, poll)
      .toBe("CONFIRMED");
    const payments = await system.prisma.payment.findMany({
      where: { reservationId },
      orderBy: { createdAt: "asc" },
    });
    expect(payments.map((payment) => payment.status)).toEqual(["FAILED", "COMPLETED"]);
  });

  it("a released hold's payment page can no longer be paid", async () => {
    const { reservationId } = await hold(buyer(1));
    const { body } = await startCheckout(buyer(1), reservationId);
    const sessionId = body.data?.sessionId ?? "";
    const released = await call(`/api/holds/${reservationId}`, {
      method: "DELETE",
      headers: await headersFor(buyer(1), false),
    });
    expect(released.status).toBe(200);
    expect((await submitPayment(buyer(1), sessionId, "pay")).status).toBe(409);
    expect(await system.prisma.payment.count({ where: { reservationId } })).toBe(0);
    expect((await state(buyer(1), reservationId))?.status).toBe("CANCELLED");
  });

  it("refuses checkout once the hold has lapsed", async () => {
    const { reservationId } = await hold(buyer(4));
    await system.prisma.reservation.update({
      where: { id: reservationId },
      data: { holdExpiresAt: new Date(Date.now() - 1_000) },
    });
    const lapsed = await startCheckout(buyer(4), reservationId);
    expect(lapsed.status).toBe(409);
    expect(lapsed.body.error?.code).toBe("HOLD_EXPIRED");
  });

  it("refuses checkout of a hold its show's cancellation ended: SALE_CLOSED, SHOW_CANCELLED", async () => {
    const [cancelled] = (await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [
      SeededSchedule,
    ];
    const who = buyer(5);
    const held = await call<{ reservationId: string }>(
      `/api/schedules/${cancelled.scheduleId}/holds`,
      {
        method: "POST",
        headers: await system.buyerHeaders(who, cancelled.performanceId),
        body: { seatIds: cancelled.seatIds.slice(0, 1) },
      },
    );
    const reservationId = held.body.data?.reservationId ?? "";
    expect((await startCheckout(who, reservationId, { withToken: false })).status).toBe(200);
    await system.prisma.$transaction((tx) =>
      cancelShow(tx, { scheduleId: cancelled.scheduleId, reason: "The artist is ill." }),
    );
    const refused = await startCheckout(who, reservationId, { withToken: false });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("SALE_CLOSED");
    expect(refused.body.error?.details?.reason).toBe("SHOW_CANCELLED");
    expect((await state(who, reservationId))?.status).toBe("CANCELLED");
  });
});

describe("cancelling confirmed tickets", () => {
  it("cancels before the show: seats back on sale at once, payment refunded", async () => {
    const { reservationId, seatIds } = await hold(buyer(5));
    const { body } = await startCheckout(buyer(5), reservationId);
    await submitPayment(buyer(5), body.data?.sessionId ?? "", "pay");
    await expect
      .poll(async () => (await state(buyer(5), reservationId))?.status, poll)
      .toBe("CONFIRMED");
    expect((await state(buyer(5), reservationId))?.cancellable).toBe(true);

    const strangers = await call(`/api/reservations/${reservationId}/cancel`, {
      method: "POST",
      headers: await headersFor(buyer(0), false),
    });
    expect(strangers.status).toBe(404);

    const cancelled = await call<{ status: string }>(`/api/reservations/${reservationId}/cancel`, {
      method: "POST",
      headers: await headersFor(buyer(5), false),
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data?.status).toBe("CANCELLED");
    const seat = await system.prisma.seat.findUniqueOrThrow({ where: { id: seatIds[0] ?? "" } });
    expect(seat.status).toBe("AVAILABLE");
    expect(
      await system.redis.hget(
        scheduleKeys(system.keyPrefix, schedule.scheduleId).status,
        seatIds[0] ?? "",
      ),
    ).toBeNull();
    await expect
      .poll(
        async () =>
          (await system.prisma.payment.findFirstOrThrow({ where: { reservationId } })).status,
        poll,
      )
      .toBe("REFUNDED");
    expect((await state(buyer(5), reservationId))?.statusReason).toMatch(/refunded/);

    const twice = await call(`/api/reservations/${reservationId}/cancel`, {
      method: "POST",
      headers: await headersFor(buyer(5), false),
    });
    expect(twice.status).toBe(409);
    // The seat can be held by someone else straight away.
    const { status } = await call(`/api/schedules/${schedule.scheduleId}/holds`, {
      method: "POST",
      headers: await headersFor(buyer(0)),
      body: { seatIds },
    });
    expect(status).toBeLessThan(300);
  });
});

const stripeMockUrl = process.env.STRIPE_MOCK_URL ?? "http://127.0.0.1:12111";
const stripeMockAnswers = await fetch(`${stripeMockUrl}/v1/customers?limit=1`, {
  headers: { authorization: "Bearer sk_test_123" },
  signal: AbortSignal.timeout(1_000),
})
  .then((response) => response.ok)
  .catch(() => false);
if (!stripeMockAnswers && process.env.STRIPE_MOCK_URL) {
  throw new Error(`stripe-mock does not answer on ${stripeMockUrl}; run scripts/stripe-mock.sh up`);
}

describe.skipIf(!stripeMockAnswers)("checkout with the Stripe provider (stripe-mock)", () => {
  let stripeWeb: RunningWebServer;

  beforeAll(async () => {
    stripeWeb = await system.startWeb({
      env: {
        STRIPE_WEBHOOK_SECRET: webhookSecret(),
        STRIPE_SECRET_KEY: "sk_test_123",
        STRIPE_API_BASE: stripeMockUrl,
        HOLD_MAX_OPEN_PER_BUYER: "10",
      },
    });
  });

  it("creates a Stripe Checkout Session for the hold and sends the buyer to Stripe", async () => {
    const { reservationId } = await hold(buyer(1));
    const response = await fetch(
      `${stripeWeb.baseUrl}/api/reservations/${reservationId}/checkout`,
      {
        method: "POST",
        headers: await headersFor(buyer(1)),
      },
    );
    const body = (await response.json()) as Body<Checkout>;
    expect(response.status).toBe(200);
    expect(body.data?.provider).toBe("STRIPE");
    expect(body.data?.sessionId).toMatch(/^cs_/);
    expect(body.data?.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const stored = await system.prisma.reservation.findUniqueOrThrow({
      where: { id: reservationId },
    });
    expect(stored).toMatchObject({
      checkoutProvider: "STRIPE",
      checkoutSessionId: body.data?.sessionId,
    });
    // The simulated payment page does not exist while Stripe takes the payments.
    const simulated = await fetch(
      `${stripeWeb.baseUrl}/simulated-checkout/cs_sim_${reservationId.replaceAll("-", "")}`,
      { headers: await headersFor(buyer(1), false) },
    );
    expect(simulated.status).toBe(404);
  });
});
