import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { paymentCompleted, reservationConfirmed } from "@ticketping/common/events";
import {
  createKafka,
  describeTopicReplication,
  ensureTopics,
  type Kafka,
} from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { localKafkaCluster, type SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createBuyers, createHold, createShow, recordPayment } from "./support/fixtures";
import { collectTopic, type TopicCollector } from "./support/kafka";
import { startWorkerProcess } from "./support/worker-process";

/**
 * The payment path on three brokers (scripts/kafka-cluster.sh, via npm run
 * test:kafka-cluster): payments keep arriving while the broker leading payment.completed is
 * killed with SIGKILL. Every payment must be confirmed exactly once, then the broker rejoins.
 */
const PAYMENTS = 90;
const KILL_AFTER = 30;
const PAYMENT_EVERY_MS = 100;

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "payments-broker-kill-test", level: "silent" });
let kafka: Kafka;
let database: TestDatabase | undefined;
let prisma: PrismaClient;
let worker: SpawnedService | undefined;
let confirmations: TopicCollector | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const partitionsOf = async (topic: string) =>
  (await describeTopicReplication(kafka, topic)).partitions;

describe("payments on three Kafka brokers, one killed mid-run", () => {
  beforeAll(async () => {
    expect(env.KAFKA_BROKERS, "KAFKA_BROKERS must list the three brokers").toHaveLength(3);
    // A node killed by an earlier, failed run comes back first.
    await localKafkaCluster.up();
    kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "broker-kill-test", logger });
    database = await createTestDatabase({ label: "payments_broker_kill" });
    prisma = database.prisma;
    worker = await startWorkerProcess({
      databaseUrl: database.url,
      env: {
        KAFKA_BROKERS: env.KAFKA_BROKERS.join(","),
        SEAT_KEY_PREFIX: `${randomUUID()}:`,
        // Only Kafka may deliver the payments: the sweeper's fallback for a payment stuck
        // behind Kafka (a minute by default) would hide a lost event.
        STUCK_PAYMENT_AFTER_MS: "86400000",
      },
    });
    confirmations = await collectTopic(kafka, reservationConfirmed.topic);
  }, 180_000);

  afterAll(async () => {
    await confirmations?.stop();
    await worker?.stop("SIGKILL");
    await database?.drop();
    // Whatever happened above, the next run finds three brokers.
    await localKafkaCluster.up();
  }, 180_000);

  it("creates its topics with three replicas and min.insync.replicas 2", async () => {
    const topic = `broker-kill-test-${randomUUID()}`;
    await ensureTopics(kafka, [topic]);
    try {
      const created = await describeTopicReplication(kafka, topic);
      expect(created.partitions.map((partition) => partition.replicas.length)).toEqual([3, 3, 3]);
      expect(created.minInsyncReplicas).toBe(2);
    } finally {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
    }
    // The worker's own topics, created by it (or by an earlier run) on this cluster.
    for (const partition of await partitionsOf(paymentCompleted.topic)) {
      expect(partition.replicas).toHaveLength(3);
    }
    expect((await describeTopicReplication(kafka, paymentCompleted.topic)).minInsyncReplicas).toBe(
      2,
    );
  });

  it("confirms every payment exactly once while the leader of payment.completed is killed", async () => {
    const show = await createShow(prisma, { seats: PAYMENTS });
    const buyers = await createBuyers(prisma, PAYMENTS);
    const holds = await Promise.all(
      show.seatIds.map((seatId, index) =>
        createHold(prisma, {
          userId: buyers[index] ?? "",
          scheduleId: show.scheduleId,
          seatIds: [seatId],
        }),
      ),
    );
    const [first] = await partitionsOf(paymentCompleted.topic);
    if (!first) throw new Error("payment.completed has no partition");
    const victim = first.leader;

    const started = Date.now();
    let killedAt = 0;
    for (const [index, hold] of holds.entries()) {
      if (index === KILL_AFTER) {
        await localKafkaCluster.kill(victim);
        killedAt = Date.now();
      }
      await recordPayment(prisma, { reservationId: hold.id, amountMinor: show.priceMinor });
      await sleep(PAYMENT_EVERY_MS);
    }
    const reservationIds = holds.map((hold) => hold.id);

    // Nothing lost: every hold ends CONFIRMED...
    await expect
      .poll(
        () =>
          prisma.reservation.count({
            where: { id: { in: reservationIds }, status: "CONFIRMED" },
          }),
        { timeout: 90_000, interval: 500 },
      )
      .toBe(PAYMENTS);
    const allConfirmedAt = Date.now();
    // ...with its seat sold and one ticket...
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "SOLD" } }),
    ).toBe(PAYMENTS);
    expect(await prisma.ticket.count({ where: { reservationId: { in: reservationIds } } })).toBe(
      PAYMENTS,
    );
    // ...and nothing duplicated: one confirmation event written per reservation, whatever
    // Kafka redelivered while leaders moved.
    const confirmedRows = await prisma.outboxEvent.groupBy({
      by: ["key"],
      where: { topic: reservationConfirmed.topic, key: { in: reservationIds } },
      _count: { _all: true },
    });
    expect(confirmedRows).toHaveLength(PAYMENTS);
    expect(confirmedRows.filter((row) => row._count._all !== 1)).toEqual([]);
    // Those events reach Kafka too, through the two brokers left.
    await expect
      .poll(() => new Set((confirmations?.messages ?? []).map((message) => message.key)).size, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(PAYMENTS);
    await expect
      .poll(() => prisma.outboxEvent.count({ where: { publishedAt: null } }), {
        timeout: 30_000,
        interval: 500,
      })
      .toBe(0);

    // The killed broker comes back and catches up: every partition has three in-sync
    // replicas again.
    await localKafkaCluster.up();
    await expect
      .poll(
        async () =>
          (await partitionsOf(paymentCompleted.topic)).every(
            (partition) => partition.isr.length === 3,
          ),
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);

    console.info(
      `[broker-kill] ${PAYMENTS} payments, broker ${victim} killed after ${KILL_AFTER} ` +
        `(${killedAt - started} ms into the run); all confirmed ${allConfirmedAt - killedAt} ms ` +
        `after the kill; reservation.confirmed messages seen ${(confirmations?.messages ?? []).length} ` +
        `for ${PAYMENTS} reservations`,
    );
  }, 300_000);
});
