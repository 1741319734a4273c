import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent, holdExpired } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { envFields, parseEnv } from "@ticketping/common/env";
import type { SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createShowWithHold } from "./support/fixtures";
import { startWorkerProcess } from "./support/worker-process";

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
let database: TestDatabase;
let prisma: PrismaClient;
const logger = createLogger({ name: "worker-test", level: "silent" });
const publisher = new EventPublisher(
  createKafka({ brokers: env.KAFKA_BROKERS, clientId: "worker-test", logger }),
);
const runId = randomUUID().slice(0, 8);

/** A hold of every seat of a new show, lapsed a second ago. */
const lapsedHold = (seats: number) => ({ seats, holdExpiresAt: new Date(Date.now() - 1_000) });

describe("worker process", () => {
  let worker: SpawnedService | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "worker" });
    prisma = database.prisma;
    await publisher.connect();
    worker = await startWorkerProcess({
      databaseUrl: database.url,
      groupId: `worker-test-${runId}`,
      // These tests drive expiry through Kafka; the sweeper must not get there first.
      env: { HOLD_SWEEP_INTERVAL_MS: "600000" },
    });
  });

  afterAll(async () => {
    await worker?.stop("SIGKILL");
    await publisher.disconnect();
    await database.drop();
  });

  it("is healthy once it consumes", async () => {
    const response = await fetch(`http://127.0.0.1:${worker?.port ?? 0}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { database: "up", redis: "up", kafka: "up" },
    });
  });

  it("expires a lapsed hold from a hold.expired event, once, however often it arrives", async () => {
    const { show, reservation } = await createShowWithHold(prisma, lapsedHold(3));
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "HELD" } }),
    ).toBe(3);

    const event = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    // At-least-once delivery: the same event three times.
    for (let copy = 0; copy < 3; copy++) {
      await publisher.publish(holdExpired, event, { key: reservation.id });
    }

    await expect
      .poll(
        async () =>
          (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
        { timeout: 20_000, interval: 200 },
      )
      .toBe("EXPIRED");
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "AVAILABLE" } }),
    ).toBe(3);
    const processed = await prisma.processedEvent.findMany({ where: { eventId: event.id } });
    expect(processed).toHaveLength(1);
  });

  it("leaves a reservation whose hold has not lapsed alone", async () => {
    const { show, reservation } = await createShowWithHold(prisma, lapsedHold(1));
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { holdExpiresAt: new Date(Date.now() + 60_000) },
    });
    const event = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    await publisher.publish(holdExpired, event, { key: reservation.id });
    await expect
      .poll(
        () =>
          worker?.logs.some(
            (entry) =>
              entry.msg === "hold expiry handled" && entry.reservationId === reservation.id,
          ),
        { timeout: 20_000, interval: 200 },
      )
      .toBe(true);
    const after = await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(after.status).toBe("PENDING");
  });

  it("shuts down cleanly on SIGTERM", async () => {
    expect(await worker?.stop("SIGTERM")).toBe(0);
    expect(worker?.logs.map((entry) => entry.msg)).toContain("shutdown complete");
  });
});
