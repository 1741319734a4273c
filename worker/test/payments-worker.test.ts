import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import {
  checkoutExpired,
  createEvent,
  decodeEvent,
  deadLetterTopic,
  paymentCompleted,
  refundRequested,
  reservationConfirmed,
} from "@ticketping/common/events";
import { scheduleKeys } from "@ticketping/common/seats";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { closeRedis, createRedis } from "@ticketping/common/redis";
import type { SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { cancelShow } from "@ticketping/db/lifecycle";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { refundReasons } from "../src/payments/apply-payment";
import {
  cacheSeatMap,
  createBuyers,
  createHold,
  createShow,
  createShowWithHold,
  holdInRedis,
  recordPayment,
} from "./support/fixtures";
import { collectTopic, type TopicCollector } from "./support/kafka";
import { startWorkerProcess } from "./support/worker-process";

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers, REDIS_URL: envFields.redisUrl });
const logger = createLogger({ name: "payments-worker-test", level: "silent" });
const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "payments-worker-test", logger });
const publisher = new EventPublisher(kafka);
const redis = createRedis({ url: env.REDIS_URL, connectionName: "payments-worker-test" });
const poll = { timeout: 20_000, interval: 100 };
// This file's own seat namespace (SEAT_KEY_PREFIX), which the worker must use as well.
const seatKeyPrefix = `payments-worker-test-${randomUUID()}:`;

let database: TestDatabase;
let prisma: PrismaClient;
let worker: SpawnedService;
let confirmations: TopicCollector;
let deadLetters: TopicCollector;

const statusOf = async (reservationId: string) =>
  (await prisma.reservation.findUniqueOrThrow({ where: { id: reservationId } })).status;

/** Waits for the worker to refund the payment, then reads it as it ended. */
async function refundedPayment(paymentId: string) {
  const read = () => prisma.payment.findUniqueOrThrow({ where: { id: paymentId } });
  await expect.poll(async () => (await read()).status, poll).toBe("REFUNDED");
  return read();
}

describe("payments in the worker (real PostgreSQL, Redis, Kafka)", () => {
  beforeAll(async () => {
    database = await createTestDatabase({ label: "payments_worker" });
    prisma = database.prisma;
    await publisher.connect();
    worker = await startWorkerProcess({
      databaseUrl: database.url,
      env: {
        // The notification path is tested on its own: the sweeper only takes holds that
        // lapsed a minute ago, and looks every half second.
        HOLD_SWEEP_INTERVAL_MS: "500",
        HOLD_SWEEP_GRACE_MS: "60000",
        SEAT_KEY_PREFIX: seatKeyPrefix,
      },
    });
    confirmations = await collectTopic(kafka, reservationConfirmed.topic);
    deadLetters = await collectTopic(kafka, deadLetterTopic(refundRequested.topic));
  });

  afterAll(async () => {
    await confirmations.stop();
    await deadLetters.stop();
    await worker.stop("SIGKILL");
    await publisher.disconnect();
    await closeRedis(redis);
    await database.drop();
  });

  it("confirms a paid hold from the outbox: seats SOLD in PostgreSQL and the cache, reservation.confirmed published", async () => {
    const show = await createShow(prisma, { seats: 3 });
    const [buyer] = await createBuyers(prisma, 1);
    if (!buyer) throw new Error("no buyer");
    const seatIds = show.seatIds.slice(0, 2);
    const reservation = await createHold(prisma, {
      userId: buyer,
      scheduleId: show.scheduleId,
      seatIds,
    });
    await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: show.scheduleId });
    await holdInRedis(redis, {
      keyPrefix: seatKeyPrefix,
      scheduleId: show.scheduleId,
      reservationId: reservation.id,
      userId: buyer,
      seatIds,
      expiresAt: reservation.holdExpiresAt,
    });

    await recordPayment(prisma, { reservationId: reservation.id, amountMinor: 10_000 });

    await expect.poll(() => statusOf(reservation.id), poll).toBe("CONFIRMED");
    const seats = await prisma.seat.findMany({ where: { scheduleId: show.scheduleId } });
    expect(
      seats
        .filter((seat) => seat.status === "SOLD")
        .map((seat) => seat.id)
        .sort(),
    ).toEqual([...seatIds].sort());
    const keys = scheduleKeys(seatKeyPrefix, show.scheduleId);
    await expect
      .poll(() => redis.hmget(keys.status, ...seatIds), poll)
      .toEqual(seatIds.map(() => `S:${reservation.id}`));
    // The hold key is gone, so no expiry notification follows the sale.
    expect(await redis.exists(keys.hold(reservation.id))).toBe(0);

    await expect
      .poll(() => confirmations.messages.filter((message) => message.key === reservation.id), poll)
      .toHaveLength(1);
    const [message] = confirmations.messages.filter((m) => m.key === reservation.id);
    const confirmed = decodeEvent(reservationConfirmed, message?.value ?? null);
    expect(confirmed.payload).toMatchObject({
      reservationId: reservation.id,
      userId: buyer,
      performanceId: show.performanceId,
      scheduleId: show.scheduleId,
    });
    await expect
      .poll(() => prisma.outboxEvent.count({ where: { publishedAt: null } }), poll)
      .toBe(0);
  });

  it("applies a payment once, however many events report it", async () => {
    const { reservation } = await createShowWithHold(prisma, { seats: 1 });
    const { event } = await recordPayment(prisma, {
      reservationId: reservation.id,
      amountMinor: 5_000,
    });
    // The relay's copy, three redeliveries, and a second event id for the same payment.
    for (let copy = 0; copy < 3; copy++) {
      await publisher.publish(paymentCompleted, event, { key: reservation.id });
    }
    const again = createEvent(paymentCompleted, event.payload);
    await publisher.publish(paymentCompleted, again, { key: reservation.id });

    await expect.poll(() => statusOf(reservation.id), poll).toBe("CONFIRMED");
    await expect
      .poll(
        () =>
          worker.logs.filter(
            (entry) => entry.msg === "payment handled" && entry.reservationId === reservation.id,
          ).length,
        poll,
      )
      .toBe(5);
    const outcomes = worker.logs
      .filter((entry) => entry.msg === "payment handled" && entry.reservationId === reservation.id)
      .map((entry) => entry.outcome);
    expect(outcomes.filter((outcome) => outcome === "confirmed")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(4);
    const confirmedRows = await prisma.outboxEvent.count({
      where: { topic: reservationConfirmed.topic, key: reservation.id },
    });
    expect(confirmedRows).toBe(1);
    expect(await prisma.payment.count({ where: { reservationId: reservation.id } })).toBe(1);
  });

  it("refunds a payment that lands after the hold lapsed, and the seat stays with its new holder", async () => {
    const show = await createShow(prisma, { seats: 1 });
    const [late, next] = await createBuyers(prisma, 2);
    if (!late || !next) throw new Error("no buyers");
    const lapsed = await createHold(prisma, {
      userId: late,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    await prisma.reservation.update({
      where: { id: lapsed.id },
      data: { status: "EXPIRED", statusReason: "The hold ran out before payment." },
    });
    const current = await createHold(prisma, {
      userId: next,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });

    const { payment } = await recordPayment(prisma, {
      reservationId: lapsed.id,
      amountMinor: 5_000,
    });

    await expect.poll(() => statusOf(lapsed.id), poll).toBe("REFUNDED");
    const ended = await prisma.reservation.findUniqueOrThrow({ where: { id: lapsed.id } });
    expect(ended.statusReason).toBe(refundReasons["refund-late"]);
    await refundedPayment(payment.id);
    // No double sale: the seat is still held by the buyer who holds it now.
    expect(await statusOf(current.id)).toBe("PENDING");
    const seat = await prisma.seat.findUniqueOrThrow({ where: { id: show.seatIds[0] ?? "" } });
    expect(seat.status).toBe("HELD");
  });

  it("refunds a payment for a hold its cancelled show ended, and never sells the seat", async () => {
    const { show, reservation } = await createShowWithHold(prisma, { seats: 1 });
    await prisma.$transaction((tx) =>
      cancelShow(tx, { scheduleId: show.scheduleId, reason: "The artist is ill." }),
    );
    expect(await statusOf(reservation.id)).toBe("CANCELLED");

    const { payment } = await recordPayment(prisma, {
      reservationId: reservation.id,
      amountMinor: reservation.amountMinor,
    });
    const refunded = await refundedPayment(payment.id);
    expect(refunded.failureReason).toBe(refundReasons["refund-cancelled"]);
    expect(await statusOf(reservation.id)).toBe("CANCELLED");
    const seat = await prisma.seat.findUniqueOrThrow({ where: { id: show.seatIds[0] ?? "" } });
    expect(seat.status).toBe("AVAILABLE");
  });

  it("sells a lapsed hold to a late payment while its seats are still free: CONFIRMED, no refund", async () => {
    const show = await createShow(prisma, { seats: 2 });
    const [late] = await createBuyers(prisma, 1);
    if (!late) throw new Error("no buyer");
    const lapsed = await createHold(prisma, {
      userId: late,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    await prisma.reservation.update({
      where: { id: lapsed.id },
      data: { status: "EXPIRED", statusReason: "The hold ran out before payment." },
    });
    await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: show.scheduleId });

    const { payment } = await recordPayment(prisma, {
      reservationId: lapsed.id,
      amountMinor: 10_000,
    });

    await expect.poll(() => statusOf(lapsed.id), poll).toBe("CONFIRMED");
    const sold = await prisma.reservation.findUniqueOrThrow({ where: { id: lapsed.id } });
    expect(sold).toMatchObject({ statusReason: null, closedAt: null });
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "SOLD" } }),
    ).toBe(2);
    expect(await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "COMPLETED",
      refundRequestedAt: null,
    });
    await expect
      .poll(
        () => redis.hmget(scheduleKeys(seatKeyPrefix, show.scheduleId).status, ...show.seatIds),
        poll,
      )
      .toEqual(show.seatIds.map(() => `S:${lapsed.id}`));
    await expect
      .poll(() => confirmations.messages.some((message) => message.key === lapsed.id), poll)
      .toBe(true);
  });

  it("carries out a refund left pending without its event (stuck or dead-lettered): the Payment ends REFUNDED", async () => {
    const { reservation } = await createShowWithHold(prisma, { seats: 1 });
    const requestedAt = new Date(Date.now() - 120_000);
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { status: "REFUNDED", statusReason: "test" },
    });
    // Recorded and marked refund-requested two minutes ago, but no refund.requested event
    // ever reached Kafka.
    const payment = await prisma.payment.create({
      data: {
        reservationId: reservation.id,
        provider: "SIMULATED",
        providerSessionId: `cs_${randomUUID()}`,
        providerPaymentId: `pi_sim_${randomUUID().replaceAll("-", "")}`,
        amountMinor: 5_000,
        currency: "EUR",
        status: "COMPLETED",
        refundRequestedAt: requestedAt,
      },
    });
    const refunded = await refundedPayment(payment.id);
    expect(refunded.refundedAt).toBeInstanceOf(Date);
    expect(refunded.refundRequestedAt).toEqual(requestedAt);
  });

  it("a checkout session that ends before its hold is retired; the hold stays the buyer's", async () => {
    const sessionId = `cs_sim_${randomUUID().replaceAll("-", "")}`;
    const { show, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      checkout: { provider: "SIMULATED", sessionId },
    });
    await publisher.publish(
      checkoutExpired,
      createEvent(checkoutExpired, {
        reservationId: reservation.id,
        provider: "SIMULATED",
        sessionId,
      }),
      { key: reservation.id },
    );
    await expect
      .poll(
        async () =>
          (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } }))
            .checkoutSessionId,
        poll,
      )
      .toBeNull();
    const held = await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(held).toMatchObject({ status: "PENDING", checkoutAttempt: 1 });
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "HELD" } }),
    ).toBe(1);
  });

  it("confirms a recorded payment whose event never came (stuck or dead-lettered), once", async () => {
    const { reservation } = await createShowWithHold(prisma, { seats: 1 });
    // Recorded by the webhook two minutes ago; its payment.completed never reached Kafka.
    const payment = await prisma.payment.create({
      data: {
        reservationId: reservation.id,
        provider: "SIMULATED",
        providerSessionId: `cs_${randomUUID()}`,
        providerPaymentId: `pi_sim_${randomUUID().replaceAll("-", "")}`,
        amountMinor: 5_000,
        currency: "EUR",
        status: "COMPLETED",
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    await expect.poll(() => statusOf(reservation.id), poll).toBe("CONFIRMED");
    expect(
      await prisma.processedEvent.count({
        where: { consumer: "worker.confirm-payment", eventId: payment.id },
      }),
    ).toBe(1);
    await expect
      .poll(() => confirmations.messages.some((message) => message.key === reservation.id), poll)
      .toBe(true);
  });

  it("expires a hold when Redis reports its key expired: EXPIRED, seats free in PostgreSQL and the cache", async () => {
    const holdExpiresAt = new Date(Date.now() + 1_500);
    const { show, buyer, reservation } = await createShowWithHold(prisma, {
      seats: 2,
      holdExpiresAt,
    });
    await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: show.scheduleId });
    await holdInRedis(redis, {
      keyPrefix: seatKeyPrefix,
      scheduleId: show.scheduleId,
      reservationId: reservation.id,
      userId: buyer,
      seatIds: show.seatIds,
      expiresAt: holdExpiresAt,
    });
    const keys = scheduleKeys(seatKeyPrefix, show.scheduleId);
    expect(await redis.hlen(keys.status)).toBe(2);

    await expect.poll(() => statusOf(reservation.id), poll).toBe("EXPIRED");
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "AVAILABLE" } }),
    ).toBe(2);
    await expect.poll(() => redis.hlen(keys.status), poll).toBe(0);
  });

  it("never expires a hold before the time the buyer was shown, even when Redis reports it early", async () => {
    const holdExpiresAt = new Date(Date.now() + 4_000);
    const { show, buyer, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      holdExpiresAt,
    });
    await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: show.scheduleId });
    // Redis's key lapses 3.5 s before the hold's time: its notification comes early.
    await holdInRedis(redis, {
      keyPrefix: seatKeyPrefix,
      scheduleId: show.scheduleId,
      reservationId: reservation.id,
      userId: buyer,
      seatIds: show.seatIds,
      expiresAt: new Date(Date.now() + 500),
    });
    // Redis notices a lapsed key lazily; touching it makes it expire (and notify) now.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(
      await redis.exists(scheduleKeys(seatKeyPrefix, show.scheduleId).hold(reservation.id)),
    ).toBe(0);
    await expect
      .poll(
        () =>
          worker.logs.find(
            (entry) =>
              entry.msg === "hold expiry handled" && entry.reservationId === reservation.id,
          )?.outcome,
        poll,
      )
      .toBe("not-due");
    expect(Date.now()).toBeLessThan(holdExpiresAt.getTime());
    expect(await statusOf(reservation.id)).toBe("PENDING");
  });

  it("sweeps a lapsed hold whose expiry notification was missed", async () => {
    // No Redis key at all: no notification will ever come.
    const { reservation } = await createShowWithHold(prisma, {
      seats: 1,
      holdExpiresAt: new Date(Date.now() - 120_000),
    });
    await expect.poll(() => statusOf(reservation.id), poll).toBe("EXPIRED");
    // The sweeper logs its pass once every lapsed hold of the pass is settled.
    await expect
      .poll(() => worker.logs.some((entry) => entry.msg === "swept lapsed holds"), poll)
      .toBe(true);
  });

  it("gives a presale turn's use back when its hold, outliving the turn, lapses unpaid", async () => {
    const { show, buyer, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      holdExpiresAt: new Date(Date.now() - 120_000),
    });
    const { performanceId } = await prisma.schedule.findUniqueOrThrow({
      where: { id: show.scheduleId },
    });
    const code = await prisma.presaleCode.create({
      data: {
        performanceId,
        kind: "SINGLE",
        codeHash: randomUUID().replaceAll("-", "").padEnd(64, "0"),
        hint: "TEST",
        useLimit: 1,
        uses: 1,
      },
    });
    // The queue ended the turn (the buyer left) while this hold of it stood. Its token's
    // time is still ahead, so only the hold's own end can give the use back.
    const use = await prisma.presaleUse.create({
      data: {
        codeId: code.id,
        performanceId,
        userId: buyer,
        tokenId: randomUUID(),
        turnEndsAt: new Date(Date.now() + 600_000),
        turnEndedAt: new Date(),
      },
    });
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { presaleUseId: use.id },
    });
    await expect.poll(() => statusOf(reservation.id), poll).toBe("EXPIRED");
    await expect
      .poll(
        async () => (await prisma.presaleCode.findUniqueOrThrow({ where: { id: code.id } })).uses,
        poll,
      )
      .toBe(0);
    expect(
      (await prisma.presaleUse.findUniqueOrThrow({ where: { id: use.id } })).returnedAt,
    ).not.toBeNull();
  });

  it("retries a failing handler with backoff, then parks the event on the dead-letter topic", async () => {
    const { reservation } = await createShowWithHold(prisma, { seats: 1 });
    // A Stripe payment while this worker runs the Simulated provider: it cannot refund it.
    const payment = await prisma.payment.create({
      data: {
        reservationId: reservation.id,
        provider: "STRIPE",
        providerSessionId: `cs_test_${randomUUID()}`,
        providerPaymentId: `pi_${randomUUID()}`,
        amountMinor: 5_000,
        currency: "EUR",
        status: "COMPLETED",
      },
    });
    const event = createEvent(refundRequested, {
      reservationId: reservation.id,
      paymentId: payment.id,
      reason: "test",
    });
    await publisher.publish(refundRequested, event, { key: reservation.id });

    await expect
      .poll(() => deadLetters.messages.filter((message) => message.key === reservation.id), {
        timeout: 30_000,
        interval: 200,
      })
      .toHaveLength(1);
    const [parked] = deadLetters.messages.filter((message) => message.key === reservation.id);
    expect(parked?.headers["dlq-attempts"]).toBe("3");
    expect(parked?.headers["dlq-reason"]).toMatch(/STRIPE/);
    expect(decodeEvent(refundRequested, parked?.value ?? null).id).toBe(event.id);
    const retries = worker.logs.filter(
      (entry) => entry.msg === "handler failed; retrying" && entry.eventId === event.id,
    );
    expect(retries.map((entry) => entry.delay)).toEqual([1_000, 2_000]);
    // Nothing was recorded as refunded: an operator can replay the event.
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "COMPLETED",
    );
  });

  it("shuts down gracefully on SIGTERM", async () => {
    expect(await worker.stop("SIGTERM")).toBe(0);
    const messages = worker.logs.map((entry) => entry.msg);
    expect(messages).toContain("shutdown complete");
    expect(worker.logs.filter((entry) => entry.msg === "shutdown step failed")).toEqual([]);
  });
});
