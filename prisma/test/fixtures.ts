import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../src/index";

const HOUR_MS = 3_600_000;

/** One on-sale performance with one schedule per `schedules` and a row of `seats` seats each. */
export async function createOnSaleSchedule(
  prisma: PrismaClient,
  { seats, schedules = 1 }: { seats: number; schedules?: number },
) {
  const now = Date.now();
  const hall = await prisma.hall.create({
    data: { name: `Test hall ${randomUUID()}`, address: "Test street 1", rows: 1, columns: seats },
  });
  const performance = await prisma.performance.create({
    data: {
      name: "Double-sale test",
      slug: `double-sale-${randomUUID()}`,
      runtimeMinutes: 90,
      ageRating: "ALL",
      bookingOpensAt: new Date(now - HOUR_MS),
      bookingClosesAt: new Date(now + HOUR_MS),
      firstShowAt: new Date(now + 24 * HOUR_MS),
      lastShowAt: new Date(now + 24 * HOUR_MS + schedules),
      saleStatus: "PUBLISHED",
      hallId: hall.id,
      grades: { create: { name: "R", priceMinor: 5_000, currency: "EUR", colour: "#336699" } },
      schedules: {
        create: Array.from({ length: schedules }, (_, index) => ({
          startsAt: new Date(now + 24 * HOUR_MS + index),
        })),
      },
    },
    include: { grades: true, schedules: { orderBy: { startsAt: "asc" } } },
  });
  const [grade] = performance.grades;
  if (!grade) throw new Error("fixture has no grade");
  const scheduleSeats = [];
  for (const schedule of performance.schedules) {
    const created = await prisma.seat.createManyAndReturn({
      data: Array.from({ length: seats }, (_, index) => ({
        scheduleId: schedule.id,
        row: 1,
        column: index + 1,
        gradeId: grade.id,
      })),
      select: { id: true, column: true },
    });
    scheduleSeats.push({
      scheduleId: schedule.id,
      seatIds: created.sort((a, b) => a.column - b.column).map((seat) => seat.id),
    });
  }
  return scheduleSeats;
}

export async function createBuyers(prisma: PrismaClient, count: number): Promise<string[]> {
  const users = await prisma.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, index) => ({
      email: `buyer-${index}-${randomUUID()}@test.invalid`,
      name: `Buyer ${index}`,
    })),
    select: { id: true },
  });
  return users.map((user) => user.id);
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
