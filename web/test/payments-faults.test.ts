import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleKeys } from "@ticketping/common/seats";
import {
  startPrivateBroker,
  type PrivateBroker,
  type SpawnedService,
} from "@ticketping/common/testing";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import {
  type Checkout,
  checkoutEvent,
  createCheckouts,
  deliverWebhook,
  inParallel,
  seatCheckouts,
  startWorker,
  webhookSecret,
} from "./support/payments";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * Fault tests of the payment path with every real part: the web app's webhook route,
 * PostgreSQL, the worker's outbox relay and consumers, Redis, and a Kafka broker of this
 * file's own (startPrivateBroker), so stopping it disturbs no other test or developer.
 */
const secret = webhookSecret();

let system: WebTestSystem;
let web: RunningWebServer | undefined;
let worker: SpawnedService | undefined;

function baseUrl(): string {
  if (!web) throw new Error("the web server did not start");
  return web.baseUrl;
}
let schedule: SeededSchedule;
let buyers: TestBuyer[];
let userIds: string[];
let checkouts: ReturnType<typeof seatCheckouts>;
let broker: PrivateBroker | undefined;

function kafka(command: "up" | "down"): Promise<void> {
  if (!broker) throw new Error("the test's Kafka broker did not start");
  return command === "up" ? broker.up() : broker.down();
}

/**
 * A broker started seconds ago has just created the topics, and a consumer group's first
 * partition assignment can still move; a message published in that window may be read
 * before the group settles. Pay for one canary hold until one is confirmed, so the tests
 * start against a settled system (a production broker's topics are long settled).
 */
async function warmUp(): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const canary = await checkouts.one();
    await pay(canary);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if ((await countByStatus([canary.reservationId], "CONFIRMED")) === 1) {
        if (attempt > 1) console.info(`warm-up needed ${attempt} canary payments`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error("the worker confirmed no canary payment");
}

const workerGroupId = `payments-faults-${randomUUID().slice(0, 8)}`;

function startPaymentsWorker(): Promise<SpawnedService> {
  return startWorker({
    databaseUrl: system.database.url,
    groupId: workerGroupId,
    env: {
      KAFKA_BROKERS: broker?.address ?? "",
      SEAT_KEY_PREFIX: system.keyPrefix,
      HOLD_SWEEP_INTERVAL_MS: "1000",
      HOLD_SWEEP_GRACE_MS: "1000",
    },
  });
}

function pay(row: { reservationId: string; sessionId: string; amountMinor: number }) {
  return deliverWebhook(baseUrl(), checkoutEvent("checkout.session.completed", row), {
    secret,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const countByStatus = (ids: string[], status: "CONFIRMED" | "PENDING" | "EXPIRED") =>
  system.prisma.reservation.count({ where: { id: { in: ids }, status } });

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_payment_faults" });
  [schedule] = (await seedPerformance(system.prisma, { rows: 14, columns: 50 })) as [
    SeededSchedule,
  ];
  buyers = await createBuyers(system.prisma, 20);
  userIds = buyers.map((buyer) => buyer.id);
  checkouts = seatCheckouts(system.prisma, { schedule, userIds });
  // Both settle before anything throws, so afterAll knows what to stop.
  const [started, ownBroker] = await Promise.allSettled([
    system.startWeb({ env: { STRIPE_WEBHOOK_SECRET: secret, PAYMENT_PROVIDER: "simulated" } }),
    startPrivateBroker(),
  ]);
  if (started.status === "rejected") throw started.reason;
  web = started.value;
  if (ownBroker.status === "rejected") throw ownBroker.reason;
  broker = ownBroker.value;
  worker = await startPaymentsWorker();
  await warmUp();
}, 180_000);

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await system.stop();
  await broker?.remove();
}, 60_000);

describe("payment faults (real PostgreSQL, Redis and Kafka)", () => {
  it("the same webhook three times and two different events racing: one payment, one confirmation", async () => {
    const row = await checkouts.one();
    const completed = checkoutEvent("checkout.session.completed", {
      ...row,
      paymentIntentId: "pi_sim_racing000000",
    });
    const succeeded = checkoutEvent("checkout.session.async_payment_succeeded", {
      ...row,
      paymentIntentId: "pi_sim_racing000000",
    });
    const answers = await Promise.all(
      [completed, completed, completed, succeeded].map((event) =>
        deliverWebhook(baseUrl(), event, { secret }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);

    await expect
      .poll(() => countByStatus([row.reservationId], "CONFIRMED"), { timeout: 20_000 })
      .toBe(1);
    const prisma = system.prisma;
    expect(await prisma.payment.count({ where: { reservationId: row.reservationId } })).toBe(1);
    expect(
      await prisma.outboxEvent.count({
        where: { key: row.reservationId, topic: "ticketping.reservation.confirmed" },
      }),
    ).toBe(1);
  });

  it("a payment after the hold lapsed is refunded, and the seat is sold once, to its new holder", async () => {
    const late = await checkouts.one(1_500);
    // The Redis side of the hold, so its expiry is announced like a real one.
    await system.redis.set(
      scheduleKeys(system.keyPrefix, schedule.scheduleId).hold(late.reservationId),
      "buyer",
      "PX",
      1_500,
    );
    await expect
      .poll(() => countByStatus([late.reservationId], "EXPIRED"), { timeout: 20_000 })
      .toBe(1);

    // Someone else holds the released seat.
    const [next] = await createCheckouts(system.prisma, {
      scheduleId: schedule.scheduleId,
      seatIds: [late.seatId],
      userIds: userIds.slice(1),
      priceMinor: () => late.amountMinor,
    });
    if (!next) throw new Error("no second hold");

    expect((await pay(late)).status).toBe(200);
    expect((await pay(next)).status).toBe(200);

    const prisma = system.prisma;
    await expect
      .poll(
        async () =>
          (await prisma.reservation.findUniqueOrThrow({ where: { id: late.reservationId } }))
            .status,
        { timeout: 20_000 },
      )
      .toBe("REFUNDED");
    await expect
      .poll(() => countByStatus([next.reservationId], "CONFIRMED"), { timeout: 20_000 })
      .toBe(1);
    const refunded = await prisma.reservation.findUniqueOrThrow({
      where: { id: late.reservationId },
      include: { payments: true },
    });
    expect(refunded.statusReason).toMatch(/arrived after the hold ran out/);
    await expect
      .poll(
        async () =>
          (await prisma.payment.findFirstOrThrow({ where: { reservationId: late.reservationId } }))
            .status,
        { timeout: 20_000 },
      )
      .toBe("REFUNDED");
    const seat = await prisma.seat.findUniqueOrThrow({
      where: { id: late.seatId },
      include: { holds: true },
    });
    expect(seat.status).toBe("SOLD");
    expect(seat.holds.filter((row) => row.active)).toEqual([
      expect.objectContaining({ reservationId: next.reservationId }),
    ]);
  });

  /**
   * Paid holds and one unpaid control hold lapsing together: the buyers pay 1 s before
   * their holds lapse, then `outage` keeps the payments from reaching the worker until
   * well after the holds' time (the control proves expiry really ran meanwhile).
   */
  async function payJustInTime(outage: {
    begin: () => Promise<void>;
    end: () => Promise<void>;
    /** The sweeper runs during the outage (false when the worker itself is down). */
    sweeperRuns: boolean;
  }) {
    await outage.begin();
    const holdMs = 3_000;
    const rows = await checkouts.many(6, holdMs);
    const [control, ...paid] = rows as [Checkout, ...Checkout[]];
    for (const row of rows) {
      await system.redis.set(
        scheduleKeys(system.keyPrefix, schedule.scheduleId).hold(row.reservationId),
        "buyer",
        "PX",
        holdMs,
      );
    }
    // A buyer's seat map puts the show's seats into the Redis cache, holds included.
    const [viewer] = buyers;
    if (!viewer) throw new Error("no buyers");
    const map = await fetch(`${baseUrl()}/api/schedules/${schedule.scheduleId}/seat-map`, {
      headers: await system.buyerHeaders(viewer, schedule.performanceId),
    });
    expect(map.status).toBe(200);
    const lapsesAt = (
      await system.prisma.reservation.findUniqueOrThrow({ where: { id: control.reservationId } })
    ).holdExpiresAt.getTime();
    await sleep(lapsesAt - 1_000 - Date.now());
    const answers = await Promise.all(paid.map(pay));
    expect(answers.map((answer) => answer.status)).toEqual(paid.map(() => 200));
    expect(Date.now()).toBeLessThan(lapsesAt);

    // The holds' time passes; the notifications fire and the sweeper makes its passes.
    await sleep(lapsesAt + 4_000 - Date.now());
    const paidIds = paid.map((row) => row.reservationId);
    expect(await countByStatus(paidIds, "PENDING")).toBe(paid.length);
    if (outage.sweeperRuns) {
      await expect
        .poll(() => countByStatus([control.reservationId], "EXPIRED"), { timeout: 10_000 })
        .toBe(1);
    }
    await outage.end();

    const prisma = system.prisma;
    await expect
      .poll(() => countByStatus(paidIds, "CONFIRMED"), { timeout: 120_000, interval: 500 })
      .toBe(paid.length);
    await expect
      .poll(() => countByStatus([control.reservationId], "EXPIRED"), { timeout: 20_000 })
      .toBe(1);
    // No refund asked for or made, and every seat sold once, to its payer.
    const payments = await prisma.payment.findMany({ where: { reservationId: { in: paidIds } } });
    expect(payments.map((payment) => [payment.status, payment.refundRequestedAt])).toEqual(
      paid.map(() => ["COMPLETED", null]),
    );
    expect(
      await prisma.outboxEvent.count({
        where: { key: { in: paidIds }, topic: "ticketping.refund.requested" },
      }),
    ).toBe(0);
    const seats = await prisma.seat.findMany({
      where: { id: { in: paid.map((row) => row.seatId) } },
      include: { holds: { where: { active: true } } },
    });
    expect(seats.map((seat) => [seat.status, seat.holds.length])).toEqual(
      paid.map(() => ["SOLD", 1]),
    );
    await expect
      .poll(
        () =>
          system.redis.hmget(
            scheduleKeys(system.keyPrefix, schedule.scheduleId).status,
            ...paid.map((row) => row.seatId),
          ),
        { timeout: 20_000 },
      )
      .toEqual(paid.map((row) => `S:${row.reservationId}`));
  }

  it("a payment made 1 s before the hold lapses is CONFIRMED, not refunded, though Kafka was down until after the hold's time and the sweeper's passes", async () => {
    await payJustInTime({
      begin: () => kafka("down"),
      end: () => kafka("up"),
      sweeperRuns: true,
    });
  }, 240_000);

  it("the same with the worker killed instead: it restarts after the holds' time, sweeps and confirms", async () => {
    await payJustInTime({
      begin: async () => {
        expect(await worker?.stop("SIGKILL")).toBeNull();
      },
      end: async () => {
        worker = await startPaymentsWorker();
      },
      sweeperRuns: false,
    });
  }, 240_000);

  it("killing the worker in the middle of 500 payments confirms each exactly once after a restart, and leaves nothing PENDING past its hold", async () => {
    const paid = await checkouts.many(500);
    // Holds that lapse while the worker is down: their expiry notifications are lost.
    const unpaid = await checkouts.many(40, 3_000);
    for (const row of unpaid) {
      await system.redis.set(
        scheduleKeys(system.keyPrefix, schedule.scheduleId).hold(row.reservationId),
        "buyer",
        "PX",
        3_000,
      );
    }
    const paidIds = paid.map((row) => row.reservationId);

    const deliveries = inParallel(paid, 16, pay);
    await expect
      .poll(() => countByStatus(paidIds, "CONFIRMED"), { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(150);
    expect(await worker?.stop("SIGKILL")).toBeNull();
    const confirmedAtKill = await countByStatus(paidIds, "CONFIRMED");
    const answers = await deliveries;
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    const unpublishedAtRestart = await system.prisma.outboxEvent.count({
      where: { publishedAt: null },
    });
    // Let the unpaid holds lapse with no worker listening.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    worker = await startPaymentsWorker();

    await expect
      .poll(() => countByStatus(paidIds, "CONFIRMED"), { timeout: 90_000, interval: 250 })
      .toBe(500);
    await expect
      .poll(
        () =>
          system.prisma.reservation.count({
            where: { status: "PENDING", holdExpiresAt: { lt: new Date() } },
          }),
        { timeout: 20_000, interval: 250 },
      )
      .toBe(0);
    expect(confirmedAtKill).toBeLessThan(500);
    console.info(
      `worker killed with ${confirmedAtKill}/500 confirmed and ${unpublishedAtRestart} outbox rows unpublished`,
    );

    const prisma = system.prisma;
    expect(
      await countByStatus(
        unpaid.map((row) => row.reservationId),
        "EXPIRED",
      ),
    ).toBe(40);
    expect(await prisma.payment.count({ where: { reservationId: { in: paidIds } } })).toBe(500);
    const confirmations = await prisma.outboxEvent.groupBy({
      by: ["key"],
      where: { key: { in: paidIds }, topic: "ticketping.reservation.confirmed" },
      _count: { _all: true },
    });
    expect(confirmations).toHaveLength(500);
    expect(confirmations.every((group) => group._count._all === 1)).toBe(true);
    expect(
      await prisma.processedEvent.count({ where: { consumer: "worker.confirm-payment" } }),
    ).toBeGreaterThanOrEqual(500);
    expect(
      await prisma.seat.count({
        where: { id: { in: paid.map((row) => row.seatId) }, status: "SOLD" },
      }),
    ).toBe(500);
  }, 180_000);

  it("with Kafka stopped, webhooks still succeed, and the reservations are confirmed once it is back", async () => {
    const rows = await checkouts.many(50);
    const ids = rows.map((row) => row.reservationId);
    await kafka("down");

    const answers = await inParallel(rows, 10, pay);
    expect(answers.map((answer) => answer.status)).toEqual(rows.map(() => 200));
    const prisma = system.prisma;
    // Recorded durably, and the relay keeps trying.
    expect(await prisma.payment.count({ where: { reservationId: { in: ids } } })).toBe(50);
    await expect
      .poll(
        () =>
          prisma.outboxEvent.count({
            where: { key: { in: ids }, publishedAt: null, attempts: { gt: 0 } },
          }),
        { timeout: 20_000 },
      )
      .toBe(50);
    expect(await countByStatus(ids, "PENDING")).toBe(50);

    await kafka("up");
    await expect
      .poll(() => countByStatus(ids, "CONFIRMED"), { timeout: 120_000, interval: 500 })
      .toBe(50);
    // The confirmations' own reservation.confirmed rows follow them out.
    await expect
      .poll(() => prisma.outboxEvent.count({ where: { publishedAt: null } }), { timeout: 20_000 })
      .toBe(0);
  }, 240_000);
});
