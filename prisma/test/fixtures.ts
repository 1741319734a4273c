import type { PrismaClient } from "../src/index";
import { createTestBuyers, createTestShow } from "../src/testing";

const HOUR_MS = 3_600_000;

/** One on-sale performance with one schedule per `schedules` and a row of `seats` seats each. */
export async function createOnSaleSchedule(
  prisma: PrismaClient,
  { seats, schedules = 1 }: { seats: number; schedules?: number },
) {
  const now = Date.now();
  const show = await createTestShow(prisma, {
    name: "Double-sale test",
    seats,
    closesAt: new Date(now + HOUR_MS),
    showTimes: Array.from(
      { length: schedules },
      (_, index) => new Date(now + 24 * HOUR_MS + index),
    ),
  });
  return show.schedules.map((schedule) => ({
    scheduleId: schedule.id,
    seatIds: schedule.seats.map((seat) => seat.id),
  }));
}

export async function createBuyers(prisma: PrismaClient, count: number): Promise<string[]> {
  return (await createTestBuyers(prisma, count)).map((buyer) => buyer.id);
}

/** A PENDING reservation holding `seatIds`, as the web app's hold would create it. */
export function holdSeats(
  prisma: Pick<PrismaClient, "reservation">,
  { userId, scheduleId, seatIds }: { userId: string; scheduleId: string; seatIds: string[] },
) {
  return prisma.reservation.create({
    data: {
      userId,
      scheduleId,
      amountMinor: 5_000 * seatIds.length,
      currency: "EUR",
      holdExpiresAt: new Date(Date.now() + 300_000),
      seats: { create: seatIds.map((seatId) => ({ seatId, priceMinor: 5_000 })) },
    },
  });
}
