import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createEvent, reservationConfirmed } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { parseExposition, sumSamples, type Sample } from "@ticketping/common/metrics";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import type { RedisClient } from "@ticketping/common/redis";
import { connectBuyer, dataOf, disconnectAll, send, type Buyer } from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { connectRedis, deleteKeys, uniqueKeyPrefix } from "./support/redis";

/**
 * The queue service as production runs it (its own process, real Redis, PostgreSQL and
 * Kafka): /metrics behind its token, series that move when buyers join, are admitted and
 * are released by a confirmed reservation, consumer lag, dead letters, /ready, and
 * request and event ids in its logs.
 */
const { KAFKA_BROKERS } = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "queue-metrics-test", level: "silent" });
const publisher = new EventPublisher(
  createKafka({ brokers: KAFKA_BROKERS, clientId: "queue-metrics-test", logger }),
);
const keyPrefix = uniqueKeyPrefix("metrics");
const groupId = `queue-metrics-test-${randomUUID()}`;
const metricsToken = randomBytes(24).toString("hex");

let database: TestDatabase;
let redis: RedisClient;
let service: SpawnedService;
let baseUrl: string;
let buyers: Buyer[] = [];

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

beforeAll(async () => {
  database = await createTestDatabase({ label: "queue_metrics" });
  redis = connectRedis("queue-metrics-test");
  await publisher.connect();
  service = await spawnService({
    cwd: path.resolve(import.meta.dirname, ".."),
    entry: "src/main.ts",
    readyMessage: "consuming reservation confirmations",
    env: {
      QUEUE_SERVICE_PORT: "0",
      // Counters are per process, and a scrape reaches one of them: one process here.
      QUEUE_PROCESSES: "1",
      DATABASE_URL: database.url,
      QUEUE_KEY_PREFIX: keyPrefix,
      QUEUE_CONSUMER_GROUP_ID: groupId,
      QUEUE_TICK_MS: "100",
      METRICS_TOKEN: metricsToken,
    },
  });
  baseUrl = `http://127.0.0.1:${service.port}`;
});

afterAll(async () => {
  disconnectAll(buyers);
  await service.stop("SIGTERM");
  await publisher.disconnect();
  await deleteKeys(redis, keyPrefix);
  await redis.quit();
  await database.drop();
});

describe("queue-service /metrics", () => {
  it("wants the metrics token, for the metrics and for a queue's stats alike", async () => {
    const stats = `${baseUrl}/queues/${randomUUID()}/stats`;
    for (const url of [`${baseUrl}/metrics`, stats]) {
      expect((await fetch(url)).status).toBe(401);
      const wrong = await fetch(url, { headers: { authorization: "Bearer not-the-token-at-all" } });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({
        error: { code: "UNAUTHENTICATED", message: "A metrics token is required." },
      });
    }
    const allowed = await fetch(stats, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(allowed.status).toBe(200);
  });

  it("moves with joins, admissions and a confirmed reservation's release", async () => {
    const performanceId = await createPerformance(database.prisma, { queueMaxActive: 1 });
    const before = await scrape();
    buyers = [await connectBuyer(baseUrl), await connectBuyer(baseUrl)];
    const [first, second] = buyers as [Buyer, Buyer];
    expect(dataOf(await send.join(first, performanceId)).status).toBe("admitted");
    dataOf(await send.claim(first, performanceId));
    expect(dataOf(await send.join(second, performanceId)).status).toBe("waiting");

    const queued = await scrape();
    const one = { performance: performanceId };
    expect(sumSamples(queued, "ticketping_queue_waiting", one)).toBe(1);
    expect(sumSamples(queued, "ticketping_queue_active", one)).toBe(1);
    expect(sumSamples(queued, "ticketping_queue_max_active", one)).toBe(1);
    expect(sumSamples(queued, "ticketping_queue_sale_open", one)).toBe(1);
    expect(sumSamples(queued, "ticketping_queue_prequeued", one)).toBe(0);
    expect(sumSamples(queued, "ticketping_queue_admitted_since_open", one)).toBe(1);
    expect(sumSamples(queued, "ticketping_queue_sockets")).toBe(2);
    const delta = (after: Sample[], name: string, labels: Record<string, string> = {}) =>
      sumSamples(after, name, labels) - sumSamples(before, name, labels);
    expect(delta(queued, "ticketping_queue_joins_total", { outcome: "admitted" })).toBe(1);
    expect(delta(queued, "ticketping_queue_joins_total", { outcome: "waiting" })).toBe(1);
    expect(delta(queued, "ticketping_queue_admissions_total")).toBe(1);

    const event = createEvent(reservationConfirmed, {
      reservationId: randomUUID(),
      userId: first.userId,
      performanceId,
      scheduleId: randomUUID(),
      seatIds: [randomUUID()],
    });
    await publisher.publish(reservationConfirmed, event, { key: event.payload.reservationId });

    await expect
      .poll(async () => sumSamples(await scrape(), "ticketping_queue_admitted_since_open", one), {
        timeout: 15_000,
        interval: 200,
      })
      .toBe(2);
    const advanced = await scrape();
    expect(delta(advanced, "ticketping_queue_releases_total", { reason: "confirmed" })).toBe(1);
    expect(delta(advanced, "ticketping_queue_admissions_total")).toBe(2);
    expect(sumSamples(advanced, "ticketping_queue_waiting", one)).toBe(0);
    expect(sumSamples(advanced, "ticketping_queue_active", one)).toBe(1);
    // The consumer logged the event it handled by its id.
    expect(
      service.logs.some(
        (line) => line.eventId === event.id && line.msg === "confirmed reservation's slot released",
      ),
    ).toBe(true);
  });

  it("reports its consumer group's lag per partition and counts dead letters", async () => {
    const before = await scrape();
    await publisher.publishRaw([
      { topic: reservationConfirmed.topic, key: "poison", value: "{not an event" },
    ]);
    await expect
      .poll(
        async () =>
          sumSamples(await scrape(), "ticketping_kafka_dead_letters_total", {
            topic: reservationConfirmed.topic,
          }) -
          sumSamples(before, "ticketping_kafka_dead_letters_total", {
            topic: reservationConfirmed.topic,
          }),
        { timeout: 15_000, interval: 200 },
      )
      .toBe(1);
    const lag = (await scrape()).filter(
      (sample) =>
        sample.name === "ticketping_kafka_consumer_lag" &&
        sample.labels.group === groupId &&
        sample.labels.topic === reservationConfirmed.topic,
    );
    expect(lag.length).toBeGreaterThan(0);
    for (const sample of lag) expect(sample.value).toBeGreaterThanOrEqual(0);
  });
});

describe("queue-service /ready and request logs", () => {
  it("is ready once its consumer joined, and logs requests with their id", async () => {
    const ready = await fetch(`${baseUrl}/ready`, { headers: { "x-request-id": "probe-7" } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-request-id")).toBe("probe-7");
    expect(await ready.json()).toEqual({
      status: "ok",
      checks: { redis: "up", kafka: "up", accepting: "up" },
    });

    const missing = await fetch(`${baseUrl}/nowhere`, { headers: { "x-request-id": "lost-1" } });
    expect(missing.status).toBe(404);
    await expect
      .poll(() =>
        service.logs.find((line) => line.msg === "request" && line.requestId === "lost-1"),
      )
      .toMatchObject({ method: "GET", path: "/nowhere", status: 404, level: 30 });
    // Probes are debug lines: not at the default level.
    expect(service.logs.some((line) => line.requestId === "probe-7")).toBe(false);
  });
});
