import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import type { PerformanceStats } from "./answers";
import { getQueueStats } from "./get-queue-stats";
import { recordChartSample } from "./record-chart-sample";

/**
 * One sample of a performance's live numbers, for the organizer's dashboard and chart; kept
 * as the charts' history too.
 */
export async function getPerformanceStats({
  performanceId,
}: {
  performanceId: string;
}): Promise<PerformanceStats> {
  const performance = await db().performance.findUnique({
    where: { id: performanceId },
    select: { id: true, currency: true },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);

  const inPerformance = { schedule: { performanceId } };
  const [seatCounts, heldBack, reservationCounts, revenue, queue] = await Promise.all([
    db().seat.groupBy({ by: ["status"], where: inPerformance, _count: { _all: true } }),
    db().seat.count({ where: { ...inPerformance, heldBackAt: { not: null } } }),
    db().reservation.groupBy({
      by: ["status"],
      where: { ...inPerformance, status: { in: ["PENDING", "CONFIRMED"] } },
      _count: { _all: true },
    }),
    db().reservation.aggregate({
      where: { ...inPerformance, status: "CONFIRMED" },
      _sum: { amountMinor: true },
    }),
    getQueueStats({ performanceId }),
  ]);
  const seats = (status: "AVAILABLE" | "HELD" | "SOLD") =>
    seatCounts.find((row) => row.status === status)?._count._all ?? 0;
  const reservations = (status: "PENDING" | "CONFIRMED") =>
    reservationCounts.find((row) => row.status === status)?._count._all ?? 0;

  const stats: PerformanceStats = {
    at: new Date(),
    seats: {
      total: seats("AVAILABLE") + seats("HELD") + seats("SOLD"),
      // A held-back seat keeps status AVAILABLE but is off sale.
      available: seats("AVAILABLE") - heldBack,
      heldBack,
      held: seats("HELD"),
      sold: seats("SOLD"),
    },
    revenueMinor: revenue._sum.amountMinor ?? 0,
    currency: performance.currency,
    reservations: { pending: reservations("PENDING"), confirmed: reservations("CONFIRMED") },
    queue,
  };
  await recordChartSample({ performanceId, stats });
  return stats;
}
