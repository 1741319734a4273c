import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createEvent, deadLetterTopic, defineEvent, type EventOf } from "../src/events";
import {
  createKafka,
  ensureTopics,
  EventPublisher,
  runEventConsumer,
  subscribe,
  type RunningConsumer,
} from "../src/kafka";
import { createLogger } from "../src/logger";
import { startPrivateBroker, type PrivateBroker } from "../src/testing";

/**
 * A consumer that stops fetching (its broker went silent) is replaced by a new one, and
 * the new one consumes once the broker is back. The broker is this test's own, paused
 * with SIGSTOP, so no other test notices.
 */
const pingEvent = defineEvent({
  type: `test.stalled-${Date.now().toString(36)}`,
  version: 1,
  payload: z.object({ n: z.number().int() }),
});
const logger = createLogger({ name: "kafka-stalled-consumer-test", level: "silent" });

let broker: PrivateBroker;
let publisher: EventPublisher;
let running: RunningConsumer | undefined;
const received: EventOf<typeof pingEvent>[] = [];

beforeAll(async () => {
  broker = await startPrivateBroker();
  const kafka = createKafka({
    brokers: [broker.address],
    clientId: "stalled-consumer-test",
    logger,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
  });
  await ensureTopics(kafka, [pingEvent.topic, deadLetterTopic(pingEvent.topic)]);
  publisher = new EventPublisher(kafka);
  await publisher.connect();
  running = await runEventConsumer({
    kafka,
    groupId: `stalled-${Date.now().toString(36)}`,
    fromBeginning: true,
    deadLetters: publisher,
    logger,
    restartStalledAfterMs: 4_000,
    subscriptions: [
      subscribe(pingEvent, (event) => {
        received.push(event);
        return Promise.resolve();
      }),
    ],
  });
  await running.ready;
}, 180_000);

afterAll(async () => {
  await running?.stop().catch(() => undefined);
  await publisher.disconnect().catch(() => undefined);
  await broker.remove();
}, 60_000);

describe("a stalled consumer", () => {
  it("is replaced while its broker is silent, and the replacement consumes once it is back", async () => {
    await publisher.publish(pingEvent, createEvent(pingEvent, { n: 1 }), { key: "k" });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const first = running?.consumer;

    await broker.pause(true);
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    await broker.pause(false);

    await publisher.publish(pingEvent, createEvent(pingEvent, { n: 2 }), { key: "k" });
    await expect
      .poll(() => received.map((event) => event.payload.n), { timeout: 60_000 })
      .toContain(2);
    expect(running?.consumer).not.toBe(first);
  }, 120_000);
});
