import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ticketping/db";
import { createTestGrades } from "@ticketping/db/testing";
import type { LoadTestOptions } from "../options";

export interface SeededSale {
  performanceId: string;
  scheduleId: string;
  seatIds: string[];
}

const COLUMNS = 50;

/**
 * One performance on sale now (opened an hour ago) with one show of exactly `seats`
 * seats (rows of 50, the front row dearer), and the scenario's waiting-room settings
 * stored as an organizer would store them.
 */
export async function seedSale(
  prisma: PrismaClient,
  options: Pick<LoadTestOptions, "seats" | "maxActive" | "admitRate" | "tokenTtl" | "refuseRatio">,
): Promise<SeededSale> {
  const now = Date.now();
  const day = 86_400_000;
  const columns = Math.min(COLUMNS, options.seats);
  const rows = Math.ceil(options.seats / columns);
  const hall = await prisma.hall.create({
    data: { name: "Load Test Arena", address: "127.0.0.1", rows, columns },
  });
  const performance = await prisma.performance.create({
    data: {
      name: "Flash Crowd Live",
      slug: `flash-crowd-${randomUUID()}`,
      runtimeMinutes: 120,
      ageRating: "ALL",
      bookingOpensAt: new Date(now - 3_600_000),
      bookingClosesAt: new Date(now + 7 * day),
      firstShowAt: new Date(now + 10 * day),
      lastShowAt: new Date(now + 10 * day),
      saleStatus: "PUBLISHED",
      maxSeatsPerReservation: 4,
      hallId: hall.id,
      queueMaxActive: options.maxActive,
      queueAdmitRatePerSec: options.admitRate,
      queueTokenTtlSeconds: options.tokenTtl,
      // 0 (no LINE_FULL) is not an organizer's value: the queue service's default says it.
      queueRefuseRatio: options.refuseRatio > 0 ? options.refuseRatio : null,
      // The run measures the line and the booking path; the proof of work at the line's
      // door has a benchmark of its own (web/bench/pow-bench.ts, BENCHMARKS.md).
      queuePowComplexity: 0,
    },
  });
  const { vip, standard } = await createTestGrades(prisma, performance.id);
  const schedule = await prisma.schedule.create({
    data: { performanceId: performance.id, startsAt: new Date(now + 10 * day) },
  });
  const seats = Array.from({ length: options.seats }, (_, index) => {
    const row = Math.floor(index / columns) + 1;
    return {
      scheduleId: schedule.id,
      row,
      column: (index % columns) + 1,
      gradeId: row === 1 ? vip.id : standard.id,
    };
  });
  await prisma.seat.createMany({ data: seats });
  const created = await prisma.seat.findMany({
    where: { scheduleId: schedule.id },
    select: { id: true },
  });
  return {
    performanceId: performance.id,
    scheduleId: schedule.id,
    seatIds: created.map((seat) => seat.id),
  };
}
