import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpawnedService } from "@ticketping/common/testing";
import { createBuyers, seedPerformance, type SeededSchedule } from "./support/booking";
import {
  checkoutEvent,
  deliverWebhook,
  seatCheckouts,
  startWorker,
  webhookSecret,
} from "./support/payments";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";
import {
  startZipkinReceiver,
  type ZipkinReceiver,
  type ZipkinSpan,
} from "./support/zipkin-receiver";

/**
 * One purchase is one trace: the production web server and the real worker process each
 * export their spans with the Zipkin exporter to this test, which plays Zipkin. A signed
 * webhook goes in; the worker relays its outbox row through Kafka, confirms the payment
 * and relays reservation.confirmed; every span of that must hang off one root.
 */
const secret = webhookSecret();
let system: WebTestSystem;
let zipkin: ZipkinReceiver;
let web: RunningWebServer | undefined;
let worker: SpawnedService | undefined;
let checkouts: ReturnType<typeof seatCheckouts>;

function only(
  spans: ZipkinSpan[],
  name: string,
  match: (span: ZipkinSpan) => boolean = () => true,
) {
  const found = spans.filter((span) => span.name === name && match(span));
  expect(found, `spans named ${name}`).toHaveLength(1);
  return found[0] as ZipkinSpan;
}

/** Pays for a checkout through the webhook and returns the purchase's trace once complete. */
async function purchase() {
  const row = await checkouts.one();
  const event = checkoutEvent("checkout.session.completed", row);
  const answer = await deliverWebhook(requireWeb().baseUrl, event, { secret });
  expect(answer.json.data?.outcome).toBe("payment-recorded");
  await expect
    .poll(
      () =>
        system.prisma.reservation.count({
          where: { id: row.reservationId, status: "CONFIRMED" },
        }),
      { timeout: 20_000 },
    )
    .toBe(1);

  // Spans arrive in each process's next export (within about a second); the trace is
  // complete once its root (web's request span) and the confirmation's relay are in.
  const webhookSpan = () =>
    zipkin.spans.find(
      (span) => span.name === "stripe webhook" && span.tags?.["stripe.event.id"] === event.id,
    );
  const traceOf = () => zipkin.spans.filter((span) => span.traceId === webhookSpan()?.traceId);
  await expect
    .poll(
      () => {
        const trace = traceOf();
        return (
          trace.some((span) => !span.parentId) &&
          trace.some((span) => span.name === "send ticketping.reservation.confirmed")
        );
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return { row, event, trace: traceOf(), webhook: webhookSpan() as ZipkinSpan };
}

function requireWeb(): RunningWebServer {
  if (!web) throw new Error("the web server did not start");
  return web;
}

beforeAll(async () => {
  zipkin = await startZipkinReceiver();
  system = await createWebTestSystem({ label: "web_tracing" });
  const [schedule] = (await seedPerformance(system.prisma, { rows: 1, columns: 10 })) as [
    SeededSchedule,
  ];
  const userIds = (await createBuyers(system.prisma, 2)).map((buyer) => buyer.id);
  checkouts = seatCheckouts(system.prisma, { schedule, userIds });
  const tracingEnv = { OTEL_EXPORTER_ZIPKIN_ENDPOINT: zipkin.endpoint };
  const [started, relay] = await Promise.allSettled([
    system.startWeb({
      env: { STRIPE_WEBHOOK_SECRET: secret, PAYMENT_PROVIDER: "simulated", ...tracingEnv },
    }),
    startWorker({
      databaseUrl: system.database.url,
      env: { ...tracingEnv, SEAT_KEY_PREFIX: system.keyPrefix },
    }),
  ]);
  if (started.status === "fulfilled") web = started.value;
  if (relay.status === "fulfilled") worker = relay.value;
  if (started.status === "rejected") throw started.reason;
  if (relay.status === "rejected") throw relay.reason;
}, 120_000);

afterAll(async () => {
  await worker?.stop("SIGKILL");
  // The web server flushes its spans on the way out, so Zipkin goes last.
  await system.stop();
  await zipkin.close();
}, 60_000);

describe("tracing across web and worker", () => {
  it("one purchase is one trace: web's request, the webhook, the relay, the worker's confirmation", async () => {
    const { row, trace, webhook } = await purchase();

    // One root: the web server's span of the webhook request (Next.js's own).
    const roots = trace.filter((span) => !span.parentId);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ kind: "SERVER", localEndpoint: { serviceName: "web" } });
    expect(roots[0]?.name).toMatch(/^POST /);
    // Every span's parent is in the trace: one tree, nothing dangling.
    const ids = new Set(trace.map((span) => span.id));
    expect(trace.filter((span) => span.parentId && !ids.has(span.parentId))).toEqual([]);
    expect(new Set(trace.map((span) => span.localEndpoint?.serviceName))).toEqual(
      new Set(["web", "worker"]),
    );

    // The chain across the processes, through the outbox row and both Kafka hops.
    expect(webhook.localEndpoint?.serviceName).toBe("web");
    const sendPayment = only(trace, "send ticketping.payment.completed");
    expect(sendPayment).toMatchObject({
      kind: "PRODUCER",
      parentId: webhook.id,
      localEndpoint: { serviceName: "worker" },
    });
    expect(sendPayment.tags?.["messaging.kafka.message.key"]).toBe(row.reservationId);
    const processPayment = only(trace, "process ticketping.payment.completed");
    expect(processPayment).toMatchObject({
      kind: "CONSUMER",
      parentId: sendPayment.id,
      localEndpoint: { serviceName: "worker" },
    });
    expect(processPayment.tags?.["messaging.system"]).toBe("kafka");
    const sendConfirmed = only(trace, "send ticketping.reservation.confirmed");
    expect(sendConfirmed).toMatchObject({ kind: "PRODUCER", parentId: processPayment.id });
  });

  it("two purchases at once are two traces, each with its own worker spans", async () => {
    const [first, second] = await Promise.all([purchase(), purchase()]);
    expect(first.webhook.traceId).not.toBe(second.webhook.traceId);
    for (const { row, trace } of [first, second]) {
      const processed = only(trace, "process ticketping.payment.completed");
      expect(processed.tags?.["messaging.kafka.message.key"]).toBe(row.reservationId);
    }
  });

  it("the worker sends its last spans and exits cleanly on SIGTERM", async () => {
    const stopping = worker;
    worker = undefined;
    expect(await stopping?.stop("SIGTERM")).toBe(0);
  });
});
