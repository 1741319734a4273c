import "server-only";
import { db } from "../db";
import { salePhase, type SalePhase } from "./sale-phase";

export interface PerformanceSummary {
  id: string;
  slug: string;
  name: string;
  posterUrl: string | null;
  hallName: string;
  firstShowAt: Date;
  lastShowAt: Date;
  bookingOpensAt: Date;
  priceFromMinor: number | null;
  currency: string | null;
  phase: SalePhase;
}

/** Published performances, soonest show first, with what a buyer can do now. */
export async function listPerformances({ now = new Date() }: { now?: Date } = {}): Promise<
  PerformanceSummary[]
> {
  const performances = await db().performance.findMany({
    where: { saleStatus: { not: "DRAFT" }, lastShowAt: { gte: now } },
    orderBy: [{ firstShowAt: "asc" }, { name: "asc" }],
    include: {
      hall: { select: { name: true } },
      grades: { select: { priceMinor: true, currency: true }, orderBy: { priceMinor: "asc" } },
      schedules: { select: { id: true } },
    },
  });
  const scheduleIds = performances.flatMap((performance) => performance.schedules.map((s) => s.id));
  const available = await db().seat.groupBy({
    by: ["scheduleId"],
    where: { scheduleId: { in: scheduleIds }, status: "AVAILABLE" },
    _count: { _all: true },
  });
  const availableBySchedule = new Map(available.map((row) => [row.scheduleId, row._count._all]));

  return performances.map((performance) => {
    const availableSeats = performance.schedules.reduce(
      (sum, schedule) => sum + (availableBySchedule.get(schedule.id) ?? 0),
      0,
    );
    const cheapest = performance.grades[0];
    return {
      id: performance.id,
      slug: performance.slug,
      name: performance.name,
      posterUrl: performance.posterUrl,
      hallName: performance.hall.name,
      firstShowAt: performance.firstShowAt,
      lastShowAt: performance.lastShowAt,
      bookingOpensAt: performance.bookingOpensAt,
      priceFromMinor: cheapest?.priceMinor ?? null,
      currency: cheapest?.currency ?? null,
      phase: salePhase({ ...performance, availableSeats }, now),
    };
  });
}
