import type { PrismaClient } from "@ticketping/db";
import { createTestShow } from "@ticketping/db/testing";
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
  const show = await createTestShow(prisma, {
    name: "Flash Crowd Live",
    seats: options.seats,
    columns: Math.min(COLUMNS, options.seats),
    grades: "vip-front-row",
    maxSeatsPerReservation: 4,
    queue: {
      maxActive: options.maxActive,
      admitRatePerSec: options.admitRate,
      tokenTtlSeconds: options.tokenTtl,
      // 0 (no LINE_FULL) is not an organizer's value: the queue service's default says it.
      refuseRatio: options.refuseRatio > 0 ? options.refuseRatio : null,
      // The run measures the line and the booking path; the proof of work at the line's
      // door has a benchmark of its own (web/bench/pow-bench.ts, BENCHMARKS.md).
      powComplexity: 0,
    },
  });
  const [schedule] = show.schedules;
  if (!schedule) throw new Error("seeded sale has no show");
  return {
    performanceId: show.performanceId,
    scheduleId: schedule.id,
    seatIds: schedule.seats.map((seat) => seat.id),
  };
}
