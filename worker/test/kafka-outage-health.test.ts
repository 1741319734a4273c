import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent, holdExpired } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import {
  startPrivateBroker,
  type PrivateBroker,
  type SpawnedService,
} from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createShowWithHold } from "./support/fixtures";
import { startWorkerProcess } from "./support/worker-process";

/**
 * The worker's /health and /ready against a broker of this file's own, stopped and paused
 * (SIGSTOP) under a running worker: Kafka must read down within seconds, up again once the
 * broker is back, and the worker must consume again by itself.
 */
const DOWN_WITHIN_MS = 6_000;
const UP_WITHIN_MS = 45_000;
const logger = createLogger({ name: "kafka-outage-test", level: "silent" });

let broker: PrivateBroker;
let database: TestDatabase;
let worker: SpawnedService | undefined;

beforeAll(async () => {
  [broker, database] = await Promise.all([
    startPrivateBroker(),
    createTestDatabase({ label: "worker_kafka_outage" }),
  ]);
  worker = await startWorkerProcess({
    databaseUrl: database.url,
    // Expiry must come through Kafka here, not from the sweeper.
    env: { KAFKA_BROKERS: broker.address, HOLD_SWEEP_INTERVAL_MS: "600000" },
  });
}, 180_000);

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await broker.remove();
  await database.drop();
}, 60_000);

interface Probe {
  status: number;
  kafka: string | undefined;
}

async function probe(path: "/health" | "/ready"): Promise<Probe> {
  const response = await fetch(`http://127.0.0.1:${worker?.port ?? 0}${path}`);
  const body = (await response.json()) as { checks: Record<string, string> };
  return { status: response.status, kafka: body.checks.kafka };
}

/** Polls /health until Kafka reads `state`; returns how long that took. */
async function kafkaTurns(state: "up" | "down", withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if ((await probe("/health")).kafka === state) return Date.now() - started;
    if (Date.now() - started > withinMs) {
      throw new Error(`/health did not report Kafka ${state} within ${withinMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every probe over `ms` reads Kafka down: the outage is reported throughout, not once. */
async function staysDown(ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await probe("/health")).toEqual({ status: 503, kafka: "down" });
    expect(await probe("/ready")).toEqual({ status: 503, kafka: "down" });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A hold.expired event published now is consumed: its lapsed hold ends EXPIRED. */
async function expectConsumption(): Promise<void> {
  const { show, reservation } = await createShowWithHold(database.prisma, {
    seats: 1,
    holdExpiresAt: new Date(Date.now() - 1_000),
  });
  const publisher = new EventPublisher(
    createKafka({ brokers: [broker.address], clientId: "kafka-outage-test", logger }),
  );
  await publisher.connect();
  try {
    const event = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    await publisher.publish(holdExpired, event, { key: reservation.id });
  } finally {
    await publisher.disconnect();
  }
  await expect
    .poll(
      async () =>
        (await database.prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } }))
          .status,
      { timeout: 30_000, interval: 200 },
    )
    .toBe("EXPIRED");
}

describe("worker health through a Kafka outage (a broker of its own)", () => {
  it("reads Kafka up while the broker answers, and consumes", async () => {
    expect(await probe("/health")).toEqual({ status: 200, kafka: "up" });
    expect(await probe("/ready")).toEqual({ status: 200, kafka: "up" });
    await expectConsumption();
  });

  it("reads Kafka down within seconds of a pause (SIGSTOP), up after it, and consumes again", async () => {
    await broker.pause(true);
    let resumed = false;
    try {
      const down = await kafkaTurns("down", DOWN_WITHIN_MS);
      await staysDown(12_000);
      await broker.pause(false);
      resumed = true;
      const up = await kafkaTurns("up", UP_WITHIN_MS);
      console.info(`broker paused: Kafka down after ${down} ms; resumed: up after ${up} ms`);
    } finally {
      if (!resumed) await broker.pause(false);
    }
    expect(await probe("/ready")).toEqual({ status: 200, kafka: "up" });
    await expectConsumption();
  }, 120_000);

  it("reads Kafka down within seconds of a stop, up after a restart, and consumes again", async () => {
    await broker.down();
    const down = await kafkaTurns("down", DOWN_WITHIN_MS);
    await staysDown(10_000);
    await broker.up();
    const up = await kafkaTurns("up", UP_WITHIN_MS);
    console.info(`broker stopped: Kafka down after ${down} ms; restarted: up after ${up} ms`);
    expect(await probe("/ready")).toEqual({ status: 200, kafka: "up" });
    await expectConsumption();
  }, 180_000);

  it("was never restarted: the same process rode out both outages", () => {
    expect(worker?.process.exitCode).toBeNull();
    expect(worker?.logs.filter((entry) => entry.msg === "consuming")).toHaveLength(1);
  });
});
