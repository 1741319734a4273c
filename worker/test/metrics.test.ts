import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createEvent, holdExpired, paymentCompleted } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { parseExposition, sumSamples, type Sample } from "@ticketping/common/metrics";
import type { SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { RELAY_LOCK_KEY } from "../src/outbox-relay";
import { createShow, createShowWithHold, recordPayment } from "./support/fixtures";
import { startWorkerProcess } from "./support/worker-process";

/**
 * The worker process's /metrics against real PostgreSQL, Redis and Kafka: a paid hold
 * moves the sales series and the webhook-to-confirmed histogram, a lapsed hold the expiry
 * counter, a poison message the dead-letter counter; lag is reported per partition.
 */
const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "worker-metrics-test", level: "silent" });
const publisher = new EventPublisher(
  createKafka({ brokers: env.KAFKA_BROKERS, clientId: "worker-metrics-test", logger }),
);
const metricsToken = randomBytes(24).toString("hex");
const groupId = `worker-metrics-test-${randomBytes(4).toString("hex")}`;
const poll = { timeout: 20_000, interval: 200 };

let database: TestDatabase;
let prisma: PrismaClient;
let worker: SpawnedService;
let baseUrl: string;

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

function deltaFrom(before: Sample[]) {
  return (after: Sample[], name: string, labels: Record<string, string> = {}) =>
    sumSamples(after, name, labels) - sumSamples(before, name, labels);
}

beforeAll(async () => {
  database = await createTestDatabase({ label: "worker_metrics" });
  prisma = database.prisma;
  // On sale before the worker starts: its revenue series must exist from the first scrape.
  await createShow(prisma, { seats: 1, currency: "KRW" });
  await publisher.connect();
  worker = await startWorkerProcess({
    databaseUrl: database.url,
    groupId,
    env: { METRICS_TOKEN: metricsToken, HOLD_SWEEP_INTERVAL_MS: "600000" },
  });
  baseUrl = `http://127.0.0.1:${worker.port}`;
});

afterAll(async () => {
  await worker.stop("SIGTERM");
  await publisher.disconnect();
  await database.drop();
});

describe("worker /metrics", () => {
  it("wants the metrics token, and serves default metrics", async () => {
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    const names = new Set((await scrape()).map((sample) => sample.name));
    expect(names).toContain("process_resident_memory_bytes");
    expect(names).toContain("ticketping_reservations_confirmed_total");
  });

  it("starts the revenue series of every currency on sale at 0, so the first sale counts", async () => {
    await expect
      .poll(
        async () =>
          (await scrape()).find(
            (sample) =>
              sample.name === "ticketping_revenue_minor_total" && sample.labels.currency === "KRW",
          )?.value,
        poll,
      )
      .toBe(0);
  });

  it("moves the sales series and the webhook-to-confirmed histogram with a paid hold", async () => {
    const delta = deltaFrom(await scrape());
    const { reservation } = await createShowWithHold(prisma, { seats: 2, priceMinor: 4_500 });
    await recordPayment(prisma, { reservationId: reservation.id, amountMinor: 9_000 });
    await expect
      .poll(
        async () =>
          (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
        poll,
      )
      .toBe("CONFIRMED");
    // The handler counts the sale just after its transaction commits: a scrape may fall
    // between the two.
    await expect
      .poll(async () => delta(await scrape(), "ticketping_reservations_confirmed_total"), poll)
      .toBe(1);

    const after = await scrape();
    expect(delta(after, "ticketping_reservations_confirmed_total")).toBe(1);
    expect(delta(after, "ticketping_revenue_minor_total", { currency: "EUR" })).toBe(9_000);
    expect(delta(after, "ticketping_payments_handled_total", { outcome: "confirmed" })).toBe(1);
    expect(delta(after, "ticketping_webhook_to_confirmed_seconds_count")).toBe(1);
    const latency = delta(after, "ticketping_webhook_to_confirmed_seconds_sum");
    expect(latency).toBeGreaterThan(0);
    expect(latency).toBeLessThan(20);
    // At least ours: the topic is shared with other tests' events, which this group sees too.
    expect(
      delta(after, "ticketping_worker_events_total", {
        topic: paymentCompleted.topic,
        result: "ok",
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      delta(after, "ticketping_worker_event_duration_seconds_count", {
        topic: paymentCompleted.topic,
      }),
    ).toBeGreaterThanOrEqual(1);
    // Every line the handler wrote carries the event's id.
    const handled = worker.logs.find(
      (line) => line.msg === "payment handled" && line.reservationId === reservation.id,
    );
    expect(handled?.eventId).toEqual(expect.any(String));
    expect(handled?.eventType).toBe(paymentCompleted.type);
  });

  it("counts an expired hold and a dead-lettered message, and reports lag per partition", async () => {
    const delta = deltaFrom(await scrape());
    const { show, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    const expiry = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    await publisher.publish(holdExpired, expiry, { key: reservation.id });
    await publisher.publishRaw([{ topic: holdExpired.topic, key: "poison", value: "not json" }]);

    await expect
      .poll(async () => delta(await scrape(), "ticketping_holds_expired_total"), poll)
      .toBe(1);
    await expect
      .poll(
        async () =>
          delta(await scrape(), "ticketping_kafka_dead_letters_total", {
            topic: holdExpired.topic,
          }),
        poll,
      )
      .toBe(1);
    const lag = (await scrape()).filter(
      (sample) =>
        sample.name === "ticketping_kafka_consumer_lag" &&
        sample.labels.group === groupId &&
        sample.labels.topic === holdExpired.topic,
    );
    expect(lag.length).toBeGreaterThan(0);
  });
});

describe("worker /metrics: the outbox backlog", () => {
  it("reports how long the oldest unpublished event has waited, and 0 once the relay publishes", async () => {
    const sample = (samples: Sample[], name: string) =>
      samples.find((candidate) => candidate.name === name)?.value;
    // Holding the relay's lock stands in for a Kafka that takes nothing: the row stays
    // unpublished, as it would while every publish fails.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RELAY_LOCK_KEY})`;
        locked();
        await released;
      },
      { timeout: 60_000 },
    );
    await Promise.race([lockTaken, holder]);
    const stuck = await prisma.outboxEvent.create({
      data: {
        topic: "ticketping.metrics-test.never-published",
        payload: {},
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    try {
      const samples = await scrape();
      expect(sample(samples, "ticketping_outbox_pending_events")).toBeGreaterThanOrEqual(1);
      expect(sample(samples, "ticketping_outbox_oldest_pending_seconds")).toBeGreaterThanOrEqual(
        119,
      );
    } finally {
      await prisma.outboxEvent.delete({ where: { id: stuck.id } });
      release();
      await holder;
    }
    await expect
      .poll(async () => sample(await scrape(), "ticketping_outbox_oldest_pending_seconds"), poll)
      .toBe(0);
  });
});

describe("worker /ready", () => {
  it("is ready with its dependencies up and its consumer joined", async () => {
    const response = await fetch(`${baseUrl}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { database: "up", redis: "up", kafka: "up", accepting: "up" },
    });
  });
});
