import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createEvent, deadLetterTopic, defineEvent, type EventOf } from "../src/events";
import { subscribe, type RunningConsumer } from "../src/kafka";
import { createKafkaTestRun, startTestConsumer } from "./support/kafka-run";

// A test-only event type on a topic of its own, so runs never see each other's messages.
const run = createKafkaTestRun("kafka-test");
const { runId, kafka, publisher } = run;
const pingEvent = defineEvent({
  type: `test.ping-${runId}`,
  version: 1,
  payload: z.object({ n: z.number().int() }),
});

async function readTopic(topic: string, count: number, timeoutMs = 20_000) {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const messages: { key: string; value: string; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`only ${messages.length}/${count} messages on ${topic}`));
    }, timeoutMs);
    void consumer.run({
      eachMessage: ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          headers[name] = String(value);
        }
        messages.push({
          key: message.key?.toString() ?? "",
          value: message.value?.toString() ?? "",
          headers,
        });
        if (messages.length >= count) {
          clearTimeout(timer);
          resolve();
        }
        return Promise.resolve();
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** What a handler sees while a dependency (the database, Redis) is unreachable. */
class DependencyDownError extends Error {}

describe("Kafka events through a real broker", () => {
  let running: RunningConsumer | undefined;
  const received: EventOf<typeof pingEvent>[] = [];
  const attemptsByN = new Map<number, number>();

  beforeAll(async () => {
    running = await startTestConsumer(run, {
      topic: pingEvent.topic,
      groupId: `group-${runId}`,
      retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
      isTransient: (error) => error instanceof DependencyDownError,
      subscriptions: [
        subscribe(pingEvent, (event, context) => {
          attemptsByN.set(event.payload.n, context.attempt);
          // n < 0 plays a handler that keeps failing, e.g. a bug.
          if (event.payload.n < 0) return Promise.reject(new Error("handler exploded"));
          // n >= 1000 plays a dependency that is down for its first eight attempts.
          if (event.payload.n >= 1000 && context.attempt <= 8) {
            return Promise.reject(new DependencyDownError("database unreachable"));
          }
          received.push(event);
          return Promise.resolve();
        }),
      ],
    });
  });

  afterAll(async () => {
    await running?.stop();
    await publisher.disconnect();
  });

  it("delivers typed, validated events in order per key", async () => {
    const events = [1, 2, 3].map((n) => createEvent(pingEvent, { n }));
    for (const event of events) await publisher.publish(pingEvent, event, { key: "same-key" });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(3);
    expect(received.map((event) => event.payload.n)).toEqual([1, 2, 3]);
    expect(received[0]).toEqual(events[0]);
  });

  it("parks undecodable messages and exhausted retries on the dead-letter topic", async () => {
    await publisher.publishRaw([
      { topic: pingEvent.topic, key: "poison", value: '{"not":"an event"}' },
    ]);
    const failing = createEvent(pingEvent, { n: -1 });
    await publisher.publish(pingEvent, failing, { key: "failing" });
    // A healthy event after them proves the partition kept moving.
    await publisher.publish(pingEvent, createEvent(pingEvent, { n: 4 }), { key: "poison" });

    const parked = await readTopic(deadLetterTopic(pingEvent.topic), 2);
    const byKey = Object.fromEntries(parked.map((message) => [message.key, message]));
    expect(byKey.poison?.headers["dlq-reason"]).toMatch(/does not match/);
    expect(byKey.poison?.headers["dlq-attempts"]).toBe("0");
    expect(byKey.failing?.headers["dlq-reason"]).toBe("handler exploded");
    expect(byKey.failing?.headers["dlq-attempts"]).toBe("3");
    expect(byKey.failing?.headers["event-id"]).toBe(failing.id);
    expect(attemptsByN.get(-1)).toBe(3);
    await expect.poll(() => received.map((event) => event.payload.n)).toContain(4);
  });

  it("retries a transient failure (a dependency down) beyond the attempts, never dead-lettering it", async () => {
    const event = createEvent(pingEvent, { n: 1000 });
    await publisher.publish(pingEvent, event, { key: "dependency-down" });
    await expect
      .poll(() => received.map((seen) => seen.payload.n), { timeout: 20_000 })
      .toContain(1000);
    expect(attemptsByN.get(1000)).toBe(9);
  });
});
