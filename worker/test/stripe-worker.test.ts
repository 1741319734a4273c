import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent, decodeEvent, holdExpired, refundRequested } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { envFields, parseEnv } from "@ticketping/common/env";
import type { SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { requestOrganizerRefund } from "@ticketping/db/lifecycle";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createBuyers, createHold, createShowWithHold, recordPayment } from "./support/fixtures";
import { startWorkerProcess } from "./support/worker-process";

/**
 * The worker with the Stripe provider, its SDK pointed at stripe-mock (which validates
 * each request against Stripe's OpenAPI description) through a proxy that records what
 * was asked. Required under `npm test` (which sets STRIPE_MOCK_URL once stripe-mock runs);
 * skipped when a file runs alone without stripe-mock.
 */
const stripeMockUrl = process.env.STRIPE_MOCK_URL ?? "http://127.0.0.1:12111";
const available = await fetch(`${stripeMockUrl}/v1/customers?limit=1`, {
  headers: { authorization: "Bearer sk_test_123" },
  signal: AbortSignal.timeout(1_000),
})
  .then((response) => response.ok)
  .catch(() => false);
if (!available && process.env.STRIPE_MOCK_URL) {
  throw new Error(`stripe-mock does not answer on ${stripeMockUrl}; run scripts/stripe-mock.sh up`);
}

interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  body: string;
  status: number;
}

/** Sessions whose id contains this are answered 503, as by a Stripe outage. */
const OUTAGE_MARK = "outage";

/** Forwards to stripe-mock and remembers each request and stripe-mock's verdict. */
function startRecordingProxy(): Promise<{
  server: Server;
  url: string;
  requests: RecordedRequest[];
}> {
  const target = new URL(stripeMockUrl);
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      if (incoming.url?.includes(OUTAGE_MARK)) {
        requests.push({
          method: incoming.method ?? "",
          path: incoming.url,
          idempotencyKey: undefined,
          body: body.toString(),
          status: 503,
        });
        outgoing.writeHead(503, { "content-type": "application/json" });
        outgoing.end(JSON.stringify({ error: { type: "api_error", message: "outage" } }));
        return;
      }
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host },
        },
        (response) => {
          const key = incoming.headers["idempotency-key"];
          requests.push({
            method: incoming.method ?? "",
            path: incoming.url ?? "",
            idempotencyKey: typeof key === "string" ? key : undefined,
            body: body.toString(),
            status: response.statusCode ?? 0,
          });
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.writeHead(502).end());
      forward.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}`, requests });
    });
  });
}

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "stripe-worker-test", level: "silent" });
const publisher = new EventPublisher(
  createKafka({ brokers: env.KAFKA_BROKERS, clientId: "stripe-worker-test", logger }),
);
const poll = { timeout: 20_000, interval: 100 };

describe.skipIf(!available)("the worker with the Stripe provider (stripe-mock)", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let worker: SpawnedService;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "stripe_worker" });
    prisma = database.prisma;
    proxy = await startRecordingProxy();
    await publisher.connect();
    worker = await startWorkerProcess({
      databaseUrl: database.url,
      env: {
        PAYMENT_PROVIDER: "stripe",
        STRIPE_SECRET_KEY: "sk_test_123",
        STRIPE_API_BASE: proxy.url,
        HOLD_SWEEP_INTERVAL_MS: "600000",
      },
    });
  });

  afterAll(async () => {
    await worker.stop("SIGKILL");
    await publisher.disconnect();
    await new Promise((resolve) => proxy.server.close(resolve));
    await database.drop();
  });

  it("expires the Stripe Checkout Session of a lapsed hold through the API", async () => {
    const sessionId = `cs_test_${randomUUID().replaceAll("-", "")}`;
    const { show, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      // Past the grace a hold with a payment page open gets for a payment in flight.
      holdExpiresAt: new Date(Date.now() - 10_000),
      checkout: { provider: "STRIPE", sessionId },
    });
    const event = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    await publisher.publish(holdExpired, event, { key: reservation.id });

    const expires = () =>
      proxy.requests.filter(
        (request) => request.path === `/v1/checkout/sessions/${sessionId}/expire`,
      );
    // Once before the hold ends; the settle step after it may repeat the idempotent call.
    await expect.poll(() => expires().length, poll).toBeGreaterThanOrEqual(1);
    for (const expire of expires()) {
      expect(expire).toMatchObject({ method: "POST", status: 200 });
    }
    // The session is expired at Stripe first, then the hold: no payment can start after it.
    await expect
      .poll(
        async () =>
          (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
        poll,
      )
      .toBe("EXPIRED");
  });

  it("keeps a lapsed hold while Stripe cannot say whether its session was paid, until the session could not have been", async () => {
    const expireHold = async (lapsedMsAgo: number) => {
      const sessionId = `cs_test_${OUTAGE_MARK}_${randomUUID().replaceAll("-", "")}`;
      const { show, reservation } = await createShowWithHold(prisma, {
        seats: 1,
        holdExpiresAt: new Date(Date.now() - lapsedMsAgo),
        checkout: { provider: "STRIPE", sessionId },
      });
      await publisher.publish(
        holdExpired,
        createEvent(holdExpired, {
          reservationId: reservation.id,
          scheduleId: show.scheduleId,
          seatIds: show.seatIds,
        }),
        { key: reservation.id },
      );
      return { reservation, sessionId };
    };
    const recent = await expireHold(10_000);
    // Stripe's sessions live 31 minutes past the hold: by then no payment can be in it.
    const ancient = await expireHold(40 * 60_000);

    const statusOf = async (id: string) =>
      (await prisma.reservation.findUniqueOrThrow({ where: { id } })).status;
    await expect.poll(() => statusOf(ancient.reservation.id), poll).toBe("EXPIRED");
    await expect
      .poll(
        () =>
          worker.logs.find(
            (entry) =>
              entry.msg === "hold expiry handled" && entry.reservationId === recent.reservation.id,
          )?.outcome,
        poll,
      )
      .toBe("provider-unreachable");
    expect(proxy.requests.some((request) => request.path.includes(recent.sessionId))).toBe(true);
    expect(await statusOf(recent.reservation.id)).toBe("PENDING");
  });

  it("refunds a late Stripe payment through the API, once, keyed by the payment", async () => {
    const { show, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { status: "EXPIRED" },
    });
    // The lapsed seat went to another buyer, so the late payment cannot be sold the seat.
    const [other] = await createBuyers(prisma, 1);
    await createHold(prisma, {
      userId: other ?? "",
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    const { payment } = await recordPayment(prisma, {
      reservationId: reservation.id,
      amountMinor: 5_000,
      provider: "STRIPE",
      providerPaymentId: "pi_3MtwBwLkdIwHu7ix28a3tqPa",
    });

    await expect
      .poll(
        async () => (await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status,
        poll,
      )
      .toBe("REFUNDED");
    const refunds = proxy.requests.filter((request) => request.path === "/v1/refunds");
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      method: "POST",
      status: 200,
      idempotencyKey: `refund-${payment.id}`,
    });
    const form = new URLSearchParams(refunds[0]?.body ?? "");
    expect(form.get("payment_intent")).toBe("pi_3MtwBwLkdIwHu7ix28a3tqPa");
    expect(form.get("amount")).toBe("5000");
    expect(
      (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
    ).toBe("REFUNDED");
  });

  it("makes an organizer's refund of one seat of two at Stripe once, for that seat's price, keyed by the refund", async () => {
    const { show, reservation } = await createShowWithHold(prisma, { seats: 2 });
    await recordPayment(prisma, {
      reservationId: reservation.id,
      amountMinor: 2 * show.priceMinor,
      provider: "STRIPE",
      providerPaymentId: "pi_3MtwBwLkdIwHu7ix28a3tqPb",
    });
    await expect
      .poll(
        async () =>
          (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
        poll,
      )
      .toBe("CONFIRMED");

    const asked = await prisma.$transaction((tx) =>
      requestOrganizerRefund(tx, {
        reservationId: reservation.id,
        seatIds: show.seatIds.slice(0, 1),
        releaseSeats: true,
        cause: "ORGANIZER",
        reason: "Refunded by the organizer.",
      }),
    );
    if (asked.outcome !== "requested") throw new Error(`refused: ${asked.outcome}`);
    await expect
      .poll(
        async () =>
          (await prisma.refund.findUniqueOrThrow({ where: { id: asked.refundId } })).status,
        poll,
      )
      .toBe("REFUNDED");
    // Kafka delivers the request again: Stripe is not asked again.
    const row = await prisma.outboxEvent.findFirstOrThrow({
      where: { topic: refundRequested.topic, key: reservation.id },
    });
    const event = decodeEvent(refundRequested, JSON.stringify(row.payload));
    await publisher.publish(refundRequested, event, { key: reservation.id });
    await expect
      .poll(
        () =>
          worker.logs.some(
            (line) => line.msg === "nothing to refund" && line.refundId === asked.refundId,
          ),
        poll,
      )
      .toBe(true);

    const keyed = proxy.requests.filter(
      (request) =>
        request.path === "/v1/refunds" && request.idempotencyKey === `refund-${asked.refundId}`,
    );
    expect(keyed).toHaveLength(1);
    expect(keyed[0]?.status).toBe(200);
    const form = new URLSearchParams(keyed[0]?.body ?? "");
    expect(form.get("payment_intent")).toBe("pi_3MtwBwLkdIwHu7ix28a3tqPb");
    expect(form.get("amount")).toBe(String(show.priceMinor));
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: asked.refundId } });
    expect(refund.providerRefundId).toMatch(/^re_/);
    const payment = await prisma.payment.findFirstOrThrow({
      where: { reservationId: reservation.id },
    });
    expect(payment.status).toBe("COMPLETED");
  });
});
