import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createEvent, reservationConfirmed } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import type { RedisClient } from "@ticketping/common/redis";
import {
  startConfirmedReleaseConsumer,
  type RunningReleaseConsumer,
} from "../src/release/confirmed-release-consumer";
import {
  connectBuyer,
  dataOf,
  disconnectAll,
  eventsOf,
  send,
  waitFor,
  type Buyer,
} from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { startInstance, testConfig, type TestInstance } from "./support/instance";
import { connectRedis, deleteKeys, uniqueKeyPrefix } from "./support/redis";

const { KAFKA_BROKERS } = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "queue-test", level: "silent" });
const kafka = createKafka({ brokers: KAFKA_BROKERS, clientId: "queue-test", logger });
const publisher = new EventPublisher(kafka);
const keyPrefix = uniqueKeyPrefix("confirmed");

let database: TestDatabase;
let redis: RedisClient;
let instance: TestInstance;
let consumer: RunningReleaseConsumer;
let buyers: Buyer[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ label: "queue_confirmed_release" });
  redis = connectRedis();
  instance = await startInstance({ prisma: database.prisma, config: testConfig(keyPrefix) });
  consumer = await startConfirmedReleaseConsumer({
    kafka,
    groupId: `queue-test-${randomUUID()}`,
    logger,
    release: instance.service.releaseConfirmed,
  });
  await Promise.all([consumer.ready, publisher.connect()]);
});

afterAll(async () => {
  disconnectAll(buyers);
  await consumer.stop();
  await publisher.disconnect();
  await instance.close();
  await deleteKeys(redis, keyPrefix);
  await redis.quit();
  await database.drop();
});

describe("a confirmed reservation", () => {
  it("releases its buyer's working slot once, and the next buyer is admitted", async () => {
    const performanceId = await createPerformance(database.prisma, { queueMaxActive: 1 });
    buyers = [await connectBuyer(instance.url), await connectBuyer(instance.url)];
    const [buyer, next] = buyers as [Buyer, Buyer];
    expect(dataOf(await send.join(buyer, performanceId)).status).toBe("admitted");
    dataOf(await send.claim(buyer, performanceId));
    expect(dataOf(await send.join(next, performanceId)).status).toBe("waiting");

    const event = createEvent(reservationConfirmed, {
      reservationId: randomUUID(),
      userId: buyer.userId,
      performanceId,
      scheduleId: randomUUID(),
      seatIds: [randomUUID()],
    });
    // At-least-once delivery: the same event twice must release once.
    await publisher.publish(reservationConfirmed, event, { key: event.payload.reservationId });
    await publisher.publish(reservationConfirmed, event, { key: event.payload.reservationId });

    await waitFor(() => eventsOf([next], "queue:admitted").length === 1, {
      what: "the next buyer's admission",
      timeoutMs: 20_000,
    });
    expect(eventsOf([buyer], "queue:released")).toEqual([{ performanceId, reason: "confirmed" }]);
    const stats = await instance.service.store.stats(performanceId);
    expect(stats.counters).toMatchObject({ "released:confirmed": 1, admitted: 2 });
    expect(stats.progress).toMatchObject({ active: 1, waiting: 0 });
  });
});
