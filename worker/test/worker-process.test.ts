import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent, holdExpired } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { envFields, parseEnv } from "@ticketping/common/env";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
let database: TestDatabase;
let prisma: PrismaClient;
const logger = createLogger({ name: "worker-test", level: "silent" });
const publisher = new EventPublisher(
  createKafka({ brokers: env.KAFKA_BROKERS, clientId: "worker-test", logger }),
);
const runId = randomUUID().slice(0, 8);

/** One performance with one schedule and `seatCount` seats, all rows owned by this run. */
async function createLapsedHold(seatCount: number) {
  const user = await prisma.user.create({
    data: { email: `buyer-${randomUUID()}@test.invalid`, name: "Test buyer" },
  });
  const hall = await prisma.hall.create({
    data: { name: `Hall ${runId}`, address: "Test street 1", rows: 1, columns: seatCount },
  });
  const now = Date.now();
  const performance = await prisma.performance.create({
    data: {
      name: `Worker test ${runId}`,
      slug: `worker-test-${randomUUID()}`,
      runtimeMinutes: 90,
      ageRating: "ALL",
      bookingOpensAt: new Date(now - 3_600_000),
      bookingClosesAt: new Date(now + 3_600_000),
      firstShowAt: new Date(now + 86_400_000),
      lastShowAt: new Date(now + 86_400_000),
      saleStatus: "PUBLISHED",
      hallId: hall.id,
      grades: { create: { name: "R", priceMinor: 5_000, currency: "EUR", colour: "#336699" } },
      schedules: { create: { startsAt: new Date(now + 86_400_000) } },
    },
    include: { grades: true, schedules: true },
  });
  const [grade] = performance.grades;
  const [schedule] = performance.schedules;
  if (!grade || !schedule) throw new Error("fixture incomplete");
  await prisma.seat.createMany({
    data: Array.from({ length: seatCount }, (_, index) => ({
      scheduleId: schedule.id,
      row: 1,
      column: index + 1,
      gradeId: grade.id,
    })),
  });
  const seats = await prisma.seat.findMany({ where: { scheduleId: schedule.id } });
  const reservation = await prisma.reservation.create({
    data: {
      userId: user.id,
      scheduleId: schedule.id,
      amountMinor: 5_000 * seatCount,
      currency: "EUR",
      holdExpiresAt: new Date(now - 1_000),
      seats: { create: seats.map((seat) => ({ seatId: seat.id, priceMinor: 5_000 })) },
    },
  });
  return { reservation, schedule, seats };
}

describe("worker process", () => {
  let worker: SpawnedService | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "worker" });
    prisma = database.prisma;
    await publisher.connect();
    worker = await spawnService({
      cwd: path.resolve(import.meta.dirname, ".."),
      entry: "src/main.ts",
      readyMessage: "consuming",
      env: {
        DATABASE_URL: database.url,
        WORKER_HEALTH_PORT: "0",
        WORKER_GROUP_ID: `worker-test-${runId}`,
        PAYMENT_PROVIDER: "simulated",
        // These tests drive expiry through Kafka; the sweeper must not get there first.
        HOLD_SWEEP_INTERVAL_MS: "600000",
      },
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
    const { reservation, schedule, seats } = await createLapsedHold(3);
    expect(await prisma.seat.count({ where: { scheduleId: schedule.id, status: "HELD" } })).toBe(3);

    const event = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: schedule.id,
      seatIds: seats.map((seat) => seat.id),
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
      await prisma.seat.count({ where: { scheduleId: schedule.id, status: "AVAILABLE" } }),
    ).toBe(3);
    const processed = await prisma.processedEvent.findMany({ where: { eventId: event.id } });
    expect(processed).toHaveLength(1);
  });

  it("leaves a reservation whose hold has not lapsed alone", async () => {
    const { reservation, schedule, seats } = await createLapsedHold(1);
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { holdExpiresAt: new Date(Date.now() + 60_000) },
    });
    const event = createEvent(holdExpired, {
      reservationId: reservation.id,
      scheduleId: schedule.id,
      seatIds: seats.map((seat) => seat.id),
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
