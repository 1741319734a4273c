import type { PrismaClient } from "@ticketping/db";
import { createTestShow } from "@ticketping/db/testing";

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
  const opensAt = options.opensAt ?? new Date(now - 60_000);
  const show = await createTestShow(prisma, {
    name: "Queue test",
    seats: options.seats ?? 10,
    saleStatus: options.saleStatus,
    opensAt,
    closesAt: options.closesAt ?? new Date(Math.max(now, opensAt.getTime()) + 3_600_000),
    showTimes: [new Date(now + 86_400_000)],
    queue: {
      maxActive: options.queueMaxActive,
      admitRatePerSec: options.queueAdmitRatePerSec,
      tokenTtlSeconds: options.queueTokenTtlSeconds,
      refuseRatio: options.queueRefuseRatio,
    },
  });
  return show.performanceId;
}
