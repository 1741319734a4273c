import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOwnMailpit, type OwnMailpit, type SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { cancelShow } from "@ticketping/db/lifecycle";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createBuyers, createShow } from "./support/fixtures";
import { startWorkerProcess } from "./support/worker-process";

const ORDERS = 1_000;
/** The mails the sender takes in hand at once (startMailSender's batchSize). */
const MAIL_BATCH = 20;
const poll = { timeout: 240_000, interval: 250 };

let database: TestDatabase;
let prisma: PrismaClient;
let mailpit: OwnMailpit;
const workers: SpawnedService[] = [];
const groupId = `cancel-show-crash-${randomUUID().slice(0, 8)}`;

function startWorker(): Promise<SpawnedService> {
  return startWorkerProcess({
    databaseUrl: database.url,
    groupId,
    env: {
      SMTP_URL: mailpit.smtpUrl,
      PUBLIC_WEB_URL: "http://tickets.test",
      MAIL_FROM: "Ticketping <tickets@ticketping.test>",
      MAIL_POLL_INTERVAL_MS: "100",
      // The restarted worker's sweep finishes what Kafka does not redeliver.
      HOLD_SWEEP_INTERVAL_MS: "2000",
    },
  }).then((worker) => {
    workers.push(worker);
    return worker;
  });
}

/** `ORDERS` confirmed one-seat orders of one show, each paid by its own buyer. */
async function showWithOrders() {
  const show = await createShow(prisma, { seats: ORDERS });
  const buyers = await createBuyers(prisma, ORDERS);
  const orders = show.seatIds.map((seatId, index) => ({
    id: randomUUID(),
    seatId,
    userId: buyers[index] ?? "",
  }));
  await prisma.reservation.createMany({
    data: orders.map((order) => ({
      id: order.id,
      userId: order.userId,
      scheduleId: show.scheduleId,
      status: "CONFIRMED" as const,
      amountMinor: show.priceMinor,
      currency: "EUR",
      holdExpiresAt: new Date(Date.now() + 60_000),
      confirmedAt: new Date(),
    })),
  });
  await prisma.reservationSeat.createMany({
    data: orders.map((order) => ({
      reservationId: order.id,
      seatId: order.seatId,
      priceMinor: show.priceMinor,
    })),
  });
  await prisma.payment.createMany({
    data: orders.map((order) => ({
      reservationId: order.id,
      provider: "SIMULATED" as const,
      providerSessionId: `cs_${order.id}`,
      providerPaymentId: `pi_sim_${order.id.replaceAll("-", "")}`,
      amountMinor: show.priceMinor,
      currency: "EUR",
      status: "COMPLETED" as const,
    })),
  });
  return show;
}

const refunded = () => prisma.refund.count({ where: { status: "REFUNDED" } });

/** Every "organizer refund made at the provider" line of every worker process, by refund. */
function providerCallsByRefund(): Map<string, number> {
  const calls = new Map<string, number>();
  for (const worker of workers) {
    for (const line of worker.logs) {
      if (line.msg !== "organizer refund made at the provider") continue;
      const refundId = String(line.refundId);
      calls.set(refundId, (calls.get(refundId) ?? 0) + 1);
    }
  }
  return calls;
}

/**
 * A show of 1,000 orders is cancelled and the worker process is killed (SIGKILL) half-way
 * through its refunds; a new process with the same consumer group finishes. Real Kafka,
 * PostgreSQL, the simulated provider and a Mailpit of the test's own.
 *
 * It runs in the Kafka cluster stage (`npm run test:kafka-cluster`, brokers of its own):
 * its 3,000-odd events would otherwise sit in the shared broker's topics, and every later
 * test's new consumer group reads topics from their oldest message.
 */
describe("a cancelled show's refunds survive a worker crash", () => {
  beforeAll(async () => {
    database = await createTestDatabase({ label: "cancel_show_crash" });
    prisma = database.prisma;
    mailpit = await startOwnMailpit();
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop("SIGKILL").catch(() => null);
    await mailpit.remove();
    await database.drop();
  });

  it("refunds 1,000 orders exactly once and mails each buyer once, killed half-way", async () => {
    const show = await showWithOrders();
    console.log(`[cancel-show-crash] ${ORDERS} orders created`);
    const first = await startWorker();
    const cancelled = await prisma.$transaction((tx) =>
      cancelShow(tx, { scheduleId: show.scheduleId, reason: "The artist is ill." }),
    );
    expect(cancelled.outcome).toBe("cancelled");

    await expect.poll(refunded, { ...poll, interval: 50 }).toBeGreaterThanOrEqual(ORDERS / 2);
    expect(await first.stop("SIGKILL")).toBeNull();
    const atKill = await refunded();
    expect(atKill).toBeLessThan(ORDERS);

    console.log(`[cancel-show-crash] worker killed at ${atKill} refunded`);
    await startWorker();
    await expect.poll(refunded, poll).toBe(ORDERS);
    console.log(`[cancel-show-crash] all refunded`);
    await expect
      .poll(() => prisma.mailMessage.count({ where: { status: "SENT" } }), poll)
      .toBe(ORDERS);

    // Exactly one refund per order, each for the order's price, each made at the provider.
    const refunds = await prisma.refund.findMany({
      select: { reservationId: true, amountMinor: true, cause: true, providerRefundId: true },
    });
    expect(refunds).toHaveLength(ORDERS);
    expect(new Set(refunds.map((refund) => refund.reservationId)).size).toBe(ORDERS);
    expect(refunds.every((refund) => refund.amountMinor === show.priceMinor)).toBe(true);
    expect(refunds.every((refund) => refund.cause === "SHOW_CANCELLED")).toBe(true);
    expect(refunds.every((refund) => refund.providerRefundId !== null)).toBe(true);
    expect(await prisma.reservation.count({ where: { status: "REFUNDED" } })).toBe(ORDERS);
    expect(await prisma.payment.count({ where: { status: "REFUNDED" } })).toBe(ORDERS);
    // Its seats stay off sale.
    expect(
      await prisma.seat.count({ where: { scheduleId: show.scheduleId, status: "SOLD" } }),
    ).toBe(ORDERS);

    // Every refund was made at the provider. A call repeated (one the kill cut off before it
    // was recorded, or the sweep meeting the handler) carries the Refund's id as the
    // idempotency key, so the provider makes it once; the log shows how many there were.
    const calls = providerCallsByRefund();
    expect(calls.size).toBe(ORDERS);
    const repeated = [...calls.values()].filter((count) => count > 1);

    // One show-cancelled mail per buyer, no refund-issued mail on top.
    const mails = await prisma.mailMessage.groupBy({
      by: ["recipient", "template"],
      _count: { _all: true },
    });
    expect(mails).toHaveLength(ORDERS);
    expect(
      mails.every((mail) => mail.template === "show-cancelled" && mail._count._all === 1),
    ).toBe(true);
    // SMTP is at least once across a crash: a mail the server accepted just before the kill,
    // and not yet marked SENT, goes again with the same Message-ID (mail-sender.ts), which
    // mail clients collapse. So one Message-ID per buyer, and copies only of the mails the
    // sender had in hand when it was killed (one batch at most).
    const inbox = await mailpit.client.list({ limit: ORDERS + 100 });
    expect(new Set(inbox.map((mail) => mail.MessageID)).size).toBe(ORDERS);
    expect(inbox.length - ORDERS).toBeLessThanOrEqual(MAIL_BATCH);

    // The cancelled show takes no new hold, whatever writes it.
    const [buyer] = await createBuyers(prisma, 1);
    await expect(
      prisma.reservation.create({
        data: {
          userId: buyer ?? "",
          scheduleId: show.scheduleId,
          amountMinor: show.priceMinor,
          currency: "EUR",
          holdExpiresAt: new Date(Date.now() + 60_000),
        },
      }),
    ).rejects.toThrow(/cancelled/);
    console.log(
      `[cancel-show-crash] ${ORDERS} orders; killed at ${atKill} refunded; provider calls ${[
        ...calls.values(),
      ].reduce(
        (sum, count) => sum + count,
        0,
      )} for ${calls.size} refunds (${repeated.length} repeated after the kill)`,
    );
  }, 600_000);
});
