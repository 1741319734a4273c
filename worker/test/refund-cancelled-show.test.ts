import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentRefunded, refundRequested } from "@ticketping/common/events";
import { createLogger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import { cancelShow, requestOrganizerRefund } from "@ticketping/db/lifecycle";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { refundCancelledShow } from "../src/refunds/refund-cancelled-show";
import { createBuyers, createShow } from "./support/fixtures";

/**
 * Free seats and orders that cannot be refunded, straight against PostgreSQL: the parts
 * of a show's cancellation that need no broker.
 */
const logger = createLogger({ name: "refund-cancelled-show-test", level: "silent" });

let database: TestDatabase;
let prisma: PrismaClient;

/** A CONFIRMED order of `seats` with, unless told otherwise, its completed payment. */
async function confirmedOrder(
  scheduleId: string,
  seats: { seatId: string; priceMinor: number }[],
  { paid = true }: { paid?: boolean } = {},
) {
  const [userId] = await createBuyers(prisma, 1);
  if (!userId) throw new Error("no buyer");
  const amountMinor = seats.reduce((sum, seat) => sum + seat.priceMinor, 0);
  const order = await prisma.reservation.create({
    data: {
      userId,
      scheduleId,
      amountMinor,
      currency: "EUR",
      holdExpiresAt: new Date(Date.now() + 300_000),
      seats: { create: seats },
    },
  });
  if (paid) {
    await prisma.payment.create({
      data: {
        reservationId: order.id,
        provider: "SIMULATED",
        providerPaymentId: `pi_${randomUUID()}`,
        amountMinor,
        currency: "EUR",
        status: "COMPLETED",
      },
    });
  }
  await prisma.reservation.update({ where: { id: order.id }, data: { status: "CONFIRMED" } });
  return order.id;
}

const topicsOf = async (reservationId: string) =>
  (await prisma.outboxEvent.findMany({ where: { key: reservationId } })).map((row) => row.topic);

beforeAll(async () => {
  database = await createTestDatabase({ label: "refund_cancelled_show" });
  prisma = database.prisma;
});

afterAll(async () => {
  await database.drop();
});

describe("refunding free seats and a cancelled show's orders", () => {
  it("refunds free seats alone as made at once: 0, no provider call asked for", async () => {
    const show = await createShow(prisma, { seats: 2 });
    const [free, paid] = show.seatIds;
    if (!free || !paid) throw new Error("fixture incomplete");
    const orderId = await confirmedOrder(show.scheduleId, [
      { seatId: free, priceMinor: 0 },
      { seatId: paid, priceMinor: 5_000 },
    ]);
    const result = await prisma.$transaction((tx) =>
      requestOrganizerRefund(tx, {
        reservationId: orderId,
        seatIds: [free],
        releaseSeats: true,
        cause: "ORGANIZER",
        reason: "Comp seat withdrawn.",
      }),
    );
    expect(result).toMatchObject({ outcome: "requested", amountMinor: 0 });
    if (result.outcome !== "requested") throw new Error("not requested");
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: result.refundId } });
    expect([refund.status, refund.providerRefundId]).toEqual(["REFUNDED", null]);
    const topics = await topicsOf(orderId);
    expect(topics).toContain(paymentRefunded.topic);
    expect(topics).not.toContain(refundRequested.topic);
    // The payment keeps its money: nothing of it was given back.
    const payment = await prisma.payment.findFirstOrThrow({ where: { reservationId: orderId } });
    expect(payment.status).toBe("COMPLETED");
  });

  it("refunds every order of a cancelled show, a free one included, passing over one it cannot refund", async () => {
    const show = await createShow(prisma, { seats: 3 });
    const [a, b, c] = show.seatIds;
    if (!a || !b || !c) throw new Error("fixture incomplete");
    const free = await confirmedOrder(show.scheduleId, [{ seatId: a, priceMinor: 0 }]);
    const unpaid = await confirmedOrder(show.scheduleId, [{ seatId: b, priceMinor: 5_000 }], {
      paid: false,
    });
    const paid = await confirmedOrder(show.scheduleId, [{ seatId: c, priceMinor: 5_000 }]);
    await prisma.$transaction((tx) =>
      cancelShow(tx, { scheduleId: show.scheduleId, reason: "The artist is ill." }),
    );

    // Two per batch: the batch of the two lowest ids, then the rest after them.
    const ordered = [free, unpaid, paid].sort();
    const firstBatch = await refundCancelledShow(
      { prisma, logger },
      { scheduleId: show.scheduleId, limit: 2 },
    );
    expect(firstBatch.last).toBe(ordered[1]);
    expect(firstBatch.remaining).toBe(1);
    const secondBatch = await refundCancelledShow(
      { prisma, logger },
      { scheduleId: show.scheduleId, limit: 2, after: firstBatch.last },
    );
    expect(firstBatch.requested + secondBatch.requested).toBe(2);
    expect(secondBatch.remaining).toBe(0);

    const statuses = await prisma.reservation.findMany({
      where: { id: { in: [free, unpaid, paid] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [free]: "REFUNDED",
      [unpaid]: "CONFIRMED",
      [paid]: "REFUNDED",
    });
    const freeRefund = await prisma.refund.findFirstOrThrow({ where: { reservationId: free } });
    expect([freeRefund.amountMinor, freeRefund.status]).toEqual([0, "REFUNDED"]);
  });
});
