import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createKafka, ensureTopics, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { startOutboxRelay, type RunningOutboxRelay } from "../src/outbox-relay";

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "outbox-relay-test", level: "silent" });
const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "outbox-relay-test", logger });
const topic = `ticketping.outbox-relay-test.${randomUUID()}`;
const poll = { timeout: 20_000, interval: 50 };

let database: TestDatabase;
let publisher: EventPublisher;

/**
 * The real client, counting what the relay asks of it: transactions, and the statements
 * it sends outside one. Everything still runs against PostgreSQL.
 */
function countingClient(prisma: PrismaClient) {
  const counts = { transactions: 0, statements: 0 };
  const client = new Proxy(prisma, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property === "$transaction") {
        return (...args: unknown[]) => {
          counts.transactions++;
          return bound(...args);
        };
      }
      if (property === "$queryRaw" || property === "$executeRaw") {
        return (...args: unknown[]) => {
          counts.statements++;
          return bound(...args);
        };
      }
      return bound;
    },
  });
  return { client, counts };
}

describe("the outbox relay (real PostgreSQL and Kafka)", () => {
  beforeAll(async () => {
    database = await createTestDatabase({ label: "outbox_relay" });
    await ensureTopics(kafka, [topic], { partitions: 1 });
    publisher = new EventPublisher(kafka);
  });

  afterAll(async () => {
    await publisher.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await database.drop();
  });

  it("idle, looks with one statement a poll and opens no transaction; a row written meanwhile goes out at the next poll", async () => {
    const { client, counts } = countingClient(database.prisma);
    let relay: RunningOutboxRelay | undefined;
    try {
      relay = startOutboxRelay({ prisma: client, publisher, logger, pollIntervalMs: 20 });
      await expect.poll(() => counts.statements, poll).toBeGreaterThanOrEqual(20);
      expect(counts.transactions).toBe(0);

      const row = await database.prisma.outboxEvent.create({
        data: { topic, key: "k", payload: { hello: "relay" } },
      });
      await expect
        .poll(
          async () =>
            (await database.prisma.outboxEvent.findUniqueOrThrow({ where: { id: row.id } }))
              .publishedAt,
          poll,
        )
        .not.toBeNull();
      expect(counts.transactions).toBeGreaterThanOrEqual(1);
      expect(relay.stats()).toMatchObject({ published: 1, failures: 0 });

      // Published, the outbox is idle again: no more transactions while it stays empty.
      const after = { ...counts };
      await expect
        .poll(() => counts.statements, poll)
        .toBeGreaterThanOrEqual(after.statements + 20);
      expect(counts.transactions).toBe(after.transactions);
    } finally {
      await relay?.stop();
    }
  });
});
