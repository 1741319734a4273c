import { randomUUID } from "node:crypto";
import { createEvent, outboxMessage, paymentCompleted } from "@ticketping/common/events";
import { holdSeats, readSeatMapVersion, storeSeatMap } from "@ticketping/common/seats";
import type { RedisClient } from "@ticketping/common/redis";
import type { PaymentProvider, PrismaClient } from "@ticketping/db";
import { createTestBuyers, createTestShow } from "@ticketping/db/testing";

const HOUR_MS = 3_600_000;

/** An on-sale performance with one schedule of `seats` seats in one row; all rows new. */
export async function createShow(
  prisma: PrismaClient,
  {
    seats,
    priceMinor = 5_000,
    currency = "EUR",
  }: { seats: number; priceMinor?: number; currency?: string },
) {
  const now = Date.now();
  const show = await createTestShow(prisma, {
    name: "Payments test",
    seats,
    priceMinor,
    currency,
    closesAt: new Date(now + HOUR_MS),
    showTimes: [new Date(now + 24 * HOUR_MS)],
  });
  const [schedule] = show.schedules;
  if (!schedule) throw new Error("fixture incomplete");
  return {
    performanceId: show.performanceId,
    scheduleId: schedule.id,
    priceMinor,
    currency,
    seatIds: schedule.seats.map((seat) => seat.id),
  };
}

export async function createBuyers(prisma: PrismaClient, count: number): Promise<string[]> {
  return (await createTestBuyers(prisma, count)).map((buyer) => buyer.id);
}

/** A PENDING reservation of `seatIds`, as the web app's hold writes it. */
export async function createHold(
  prisma: PrismaClient,
  {
    userId,
    scheduleId,
    seatIds,
    priceMinor = 5_000,
    currency = "EUR",
    holdExpiresAt = new Date(Date.now() + 300_000),
    checkout,
  }: {
    userId: string;
    scheduleId: string;
    seatIds: string[];
    priceMinor?: number;
    currency?: string;
    holdExpiresAt?: Date;
    checkout?: { provider: PaymentProvider; sessionId: string };
  },
) {
  return prisma.reservation.create({
    data: {
      userId,
      scheduleId,
      amountMinor: priceMinor * seatIds.length,
      currency,
      holdExpiresAt,
      ...(checkout
        ? { checkoutProvider: checkout.provider, checkoutSessionId: checkout.sessionId }
        : {}),
      seats: { create: seatIds.map((seatId) => ({ seatId, priceMinor })) },
    },
  });
}

/** A new show of `seats` seats, one new buyer, and that buyer's PENDING hold of every seat. */
export async function createShowWithHold(
  prisma: PrismaClient,
  {
    seats,
    priceMinor,
    currency,
    holdExpiresAt,
    checkout,
  }: {
    seats: number;
    priceMinor?: number;
    currency?: string;
    holdExpiresAt?: Date;
    checkout?: { provider: PaymentProvider; sessionId: string };
  },
) {
  const show = await createShow(prisma, {
    seats,
    ...(priceMinor === undefined ? {} : { priceMinor }),
    ...(currency === undefined ? {} : { currency }),
  });
  const [buyer] = await createBuyers(prisma, 1);
  if (!buyer) throw new Error("no buyer");
  const reservation = await createHold(prisma, {
    userId: buyer,
    scheduleId: show.scheduleId,
    seatIds: show.seatIds,
    priceMinor: show.priceMinor,
    currency: show.currency,
    holdExpiresAt,
    checkout,
  });
  return { show, buyer, reservation };
}

/** Caches a schedule's seat map with nothing taken, so holds and sales show in Redis. */
export async function cacheSeatMap(
  redis: RedisClient,
  { keyPrefix, scheduleId }: { keyPrefix: string; scheduleId: string },
): Promise<void> {
  const expectedVersion = await readSeatMapVersion(redis, { keyPrefix, scheduleId });
  await storeSeatMap(redis, {
    keyPrefix,
    scheduleId,
    expectedVersion,
    build: randomUUID(),
    layoutJson: "{}",
    taken: [],
  });
}

/** The Redis half of a hold (the web app's Lua check-and-set), expiring at `expiresAt`. */
export async function holdInRedis(
  redis: RedisClient,
  options: {
    keyPrefix: string;
    scheduleId: string;
    reservationId: string;
    userId: string;
    seatIds: string[];
    expiresAt: Date;
  },
) {
  const result = await holdSeats(redis, { ...options, maxOpenHolds: 10 });
  if (result.kind !== "held") throw new Error(`Redis hold failed: ${result.kind}`);
}

/**
 * What the webhook writes for a paid checkout: the Payment and its payment.completed
 * outbox row, in one transaction. The worker's relay publishes it.
 */
export async function recordPayment(
  prisma: PrismaClient,
  {
    reservationId,
    amountMinor,
    currency = "EUR",
    provider = "SIMULATED",
    providerPaymentId = `pi_sim_${randomUUID().replaceAll("-", "")}`,
  }: {
    reservationId: string;
    amountMinor: number;
    currency?: string;
    provider?: PaymentProvider;
    providerPaymentId?: string;
  },
) {
  return prisma.$transaction(async (tx) => {
    const payment = await tx.payment.create({
      data: {
        reservationId,
        provider,
        providerSessionId: `cs_${randomUUID()}`,
        providerPaymentId,
        amountMinor,
        currency,
        status: "COMPLETED",
      },
    });
    const event = createEvent(paymentCompleted, {
      reservationId,
      paymentId: payment.id,
      provider,
      providerPaymentId,
      amountMinor,
      currency,
    });
    const message = outboxMessage(paymentCompleted, event, { key: reservationId });
    await tx.outboxEvent.create({
      data: {
        topic: message.topic,
        key: message.key,
        payload: JSON.parse(JSON.stringify(message.payload)) as object,
        headers: message.headers,
      },
    });
    return { payment, event };
  });
}
