import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka, ensureTopics } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { env } from "../src/env";
import { waitForConsumers } from "../src/system/wait-for-consumers";

const brokers = env.KAFKA_BROKERS.split(",");
const logger = createLogger({ name: "wait-for-consumers-test", level: "silent" });
const kafka = createKafka({ brokers, clientId: "wait-for-consumers-test", logger });
const topic = `loadtest-catch-up-test-${randomUUID()}`;
const HISTORY = 30;

type Consumer = ReturnType<typeof kafka.consumer>;
const consumers: Consumer[] = [];

/** A group on the test's topic; it handles a message only once `gate` lets it. */
async function startGroup(fromBeginning: boolean, gate: Promise<void>) {
  const groupId = `loadtest-catch-up-test-${randomUUID()}`;
  // Held in a message, a member sends no heartbeat: the session outlasts the hold.
  const consumer = kafka.consumer({ groupId, sessionTimeout: 60_000, rebalanceTimeout: 60_000 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning });
  await consumer.run({
    eachMessage: async () => {
      await gate;
    },
  });
  return { groupId, fromBeginning };
}

describe("waiting for the run's consumer groups to read the topics' history (real Kafka)", () => {
  beforeAll(async () => {
    await ensureTopics(kafka, [topic], { partitions: 2 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: HISTORY }, (_, index) => ({
        key: String(index),
        value: `history ${String(index)}`,
      })),
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect().catch(() => undefined)));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("waits for a replaying group until it read the history, and not for a group that starts at the end", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const groups = [await startGroup(true, gate), await startGroup(false, gate)];

    // Held at its first message, the replaying group cannot catch up: the wait gives up
    // at its bound and says how much is unread.
    const held = await waitForConsumers({ brokers, groups, timeoutMs: 15_000, pollMs: 200 });
    expect(held.caughtUp).toBe(false);
    expect(held.waitedMs).toBeGreaterThanOrEqual(14_000);
    expect(held.remaining).toBe(HISTORY);
    expect(held.backlog).toBe(HISTORY);

    open();
    const done = await waitForConsumers({ brokers, groups, timeoutMs: 60_000, pollMs: 200 });
    expect(done).toMatchObject({ caughtUp: true, remaining: 0 });
    expect(done.waitedMs).toBeLessThan(60_000);
  });

  it("reports a group that never gets its partitions as unknown, not caught up", async () => {
    const result = await waitForConsumers({
      brokers,
      groups: [{ groupId: `loadtest-catch-up-test-${randomUUID()}`, fromBeginning: true }],
      timeoutMs: 2_000,
      pollMs: 200,
    });
    expect(result).toMatchObject({ caughtUp: false, remaining: null, backlog: 0 });
  });
});
