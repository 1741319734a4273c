import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  spawnService,
  startPrivateBroker,
  type PrivateBroker,
  type SpawnedService,
} from "@ticketping/common/testing";

/**
 * The queue-service's /ready against a broker of this file's own, paused (SIGSTOP) under a
 * running service: its confirmation consumer stays "joined" through a pause, so readiness
 * must ask more than the consumer to read Kafka down.
 */
let broker: PrivateBroker;
let service: SpawnedService | undefined;

beforeAll(async () => {
  broker = await startPrivateBroker();
  service = await spawnService({
    cwd: path.resolve(import.meta.dirname, ".."),
    entry: "src/main.ts",
    readyMessage: "consuming reservation confirmations",
    env: { QUEUE_SERVICE_PORT: "0", KAFKA_BROKERS: broker.address },
  });
}, 180_000);

afterAll(async () => {
  await service?.stop("SIGKILL");
  await broker.remove();
}, 60_000);

async function readyKafka(): Promise<string | undefined> {
  const response = await fetch(`http://127.0.0.1:${service?.port ?? 0}/ready`);
  return ((await response.json()) as { checks: Record<string, string> }).checks.kafka;
}

/** Polls /ready until Kafka reads `state`; returns how long that took. */
async function kafkaTurns(state: "up" | "down", withinMs: number): Promise<number> {
  const started = Date.now();
  while ((await readyKafka()) !== state) {
    if (Date.now() - started > withinMs) {
      throw new Error(`/ready did not report Kafka ${state} within ${withinMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
}

describe("queue-service readiness through a Kafka pause (a broker of its own)", () => {
  it("reads Kafka down within seconds of a pause and up after it", async () => {
    expect(await readyKafka()).toBe("up");
    await broker.pause(true);
    let resumed = false;
    try {
      const down = await kafkaTurns("down", 6_000);
      // The service itself stays live: the waiting room works without Kafka.
      expect((await fetch(`http://127.0.0.1:${service?.port ?? 0}/health`)).status).toBe(200);
      await broker.pause(false);
      resumed = true;
      const up = await kafkaTurns("up", 45_000);
      console.info(`broker paused: Kafka down after ${down} ms; resumed: up after ${up} ms`);
    } finally {
      if (!resumed) await broker.pause(false);
    }
  }, 120_000);
});
