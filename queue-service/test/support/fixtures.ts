import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ticketping/db";

export interface PerformanceFixtureOptions {
  seats?: number;
  saleStatus?: "DRAFT" | "PUBLISHED" | "CLOSED";
  opensAt?: Date;
  closesAt?: Date;
  queueMaxActive?: number | null;
  queueAdmitRatePerSec?: number | null;
  queueTokenTtlSeconds?: number | null;
  queueRefuseRatio?: number | null;
}

/** A performance with one schedule and `seats` available seats, on sale now by default. */
export async function createPerformance(
  prisma: PrismaClient,
  options: PerformanceFixtureOptions = {},
): Promise<string> {
  const now = Date.now();
  const seats = options.seats ?? 10;
  const opensAt = options.opensAt ?? new Date(now - 60_000);
  const hall = await prisma.hall.create({
    data: {
      name: "Queue test hall",
      address: "Test street 1",
      rows: 1,
      columns: Math.max(1, seats),
    },
  });
  const performance = await prisma.performance.create({
    data: {
      name: "Queue test",
      slug: `queue-test-${randomUUID()}`,
      runtimeMinutes: 90,
      ageRating: "ALL",
      bookingOpensAt: opensAt,
      bookingClosesAt: options.closesAt ?? new Date(Math.max(now, opensAt.getTime()) + 3_600_000),
      firstShowAt: new Date(now + 86_400_000),
      lastShowAt: new Date(now + 86_400_000),
      saleStatus: options.saleStatus ?? "PUBLISHED",
      queueMaxActive: options.queueMaxActive ?? null,
      queueAdmitRatePerSec: options.queueAdmitRatePerSec ?? null,
      queueTokenTtlSeconds: options.queueTokenTtlSeconds ?? null,
      queueRefuseRatio: options.queueRefuseRatio ?? null,
      hallId: hall.id,
      grades: { create: { name: "R", priceMinor: 5_000, currency: "EUR", colour: "#336699" } },
      schedules: { create: { startsAt: new Date(now + 86_400_000) } },
    },
    include: { grades: true, schedules: true },
  });
  const [grade] = performance.grades;
  const [schedule] = performance.schedules;
  if (!grade || !schedule) throw new Error("performance fixture incomplete");
  if (seats > 0) {
    await prisma.seat.createMany({
      data: Array.from({ length: seats }, (_, index) => ({
        scheduleId: schedule.id,
        row: 1,
        column: index + 1,
        gradeId: grade.id,
      })),
    });
  }
  return performance.id;
}
