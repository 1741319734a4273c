import "server-only";
import type { Prisma } from "@ticketping/db";
import { db } from "../db";
import type { CatalogFilters } from "./catalog-filters";
import { publicSalePhase, salePhase } from "./sale-phase";
import type { PerformanceSummary } from "./schemas";

const DAY_MS = 86_400_000;

function whereFor(filters: CatalogFilters, now: Date): Prisma.PerformanceWhereInput {
  const and: Prisma.PerformanceWhereInput[] = [
    // Without a schedule there is nothing to book yet, and no seats would read as sold out.
    { saleStatus: { not: "DRAFT" }, lastShowAt: { gte: now }, schedules: { some: {} } },
  ];
  if (filters.q) and.push({ name: { contains: filters.q, mode: "insensitive" } });
  if (filters.from || filters.to) {
    // A performance matches when one of its shows falls inside the chosen days (UTC).
    const startsAt: Prisma.DateTimeFilter = {};
    if (filters.from) startsAt.gte = new Date(`${filters.from}T00:00:00Z`);
    if (filters.to) startsAt.lt = new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS);
    and.push({ schedules: { some: { startsAt } } });
  }
  if (filters.sale === "on-sale") {
    // Sold-out ones pass this window test and are dropped once seats are counted.
    and.push({
      saleStatus: "PUBLISHED",
      bookingOpensAt: { lte: now },
      bookingClosesAt: { gt: now },
    });
  }
  if (filters.sale === "opening-soon") {
    // One with nothing left to sell (all held back, say) is dropped once seats are counted.
    and.push({ saleStatus: "PUBLISHED", bookingOpensAt: { gt: now } });
  }
  return { AND: and };
}

/** Published performances, soonest show first, with what a buyer can do now. */
export async function listPerformances({
  filters = {},
  now = new Date(),
}: { filters?: CatalogFilters; now?: Date } = {}): Promise<PerformanceSummary[]> {
  const performances = await db().performance.findMany({
    where: whereFor(filters, now),
    orderBy: [{ firstShowAt: "asc" }, { name: "asc" }],
    take: 200,
    include: {
      hall: { select: { name: true } },
      grades: { select: { priceMinor: true, currency: true }, orderBy: { priceMinor: "asc" } },
      schedules: { select: { id: true, startsAt: true, cancelledAt: true } },
    },
  });
  const scheduleIds = performances.flatMap((performance) => performance.schedules.map((s) => s.id));
  const available = await db().seat.groupBy({
    by: ["scheduleId"],
    // A cancelled show's seats stay AVAILABLE in the table but nobody can book them.
    where: {
      scheduleId: { in: scheduleIds },
      status: "AVAILABLE",
      heldBackAt: null,
      schedule: { cancelledAt: null },
    },
    _count: { _all: true },
  });
  const availableBySchedule = new Map(available.map((row) => [row.scheduleId, row._count._all]));

  const listed = performances.map((performance) => {
    const availableSeats = performance.schedules.reduce(
      (sum, schedule) => sum + (availableBySchedule.get(schedule.id) ?? 0),
      0,
    );
    const cheapest = performance.grades[0];
    // The card's dates are the shows still on; a wholly cancelled one keeps all its dates.
    const onTimes = performance.schedules
      .filter((schedule) => schedule.cancelledAt === null)
      .map((schedule) => schedule.startsAt.getTime());
    const phase = salePhase({ ...performance, availableSeats }, now);
    const summary: PerformanceSummary = {
      id: performance.id,
      slug: performance.slug,
      name: performance.name,
      posterUrl: performance.posterUrl,
      hallName: performance.hall.name,
      firstShowAt: onTimes.length > 0 ? new Date(Math.min(...onTimes)) : performance.firstShowAt,
      lastShowAt: onTimes.length > 0 ? new Date(Math.max(...onTimes)) : performance.lastShowAt,
      bookingOpensAt: performance.bookingOpensAt,
      bookingClosesAt: performance.bookingClosesAt,
      priceFromMinor: cheapest?.priceMinor ?? null,
      currency: cheapest?.currency ?? null,
      // The catalog lists only performances with a show, so `every` is never vacuously true.
      phase: publicSalePhase(phase, {
        everyShowCancelled: performance.schedules.every(
          (schedule) => schedule.cancelledAt !== null,
        ),
      }),
    };
    return { summary, phase };
  });
  return listed
    .filter(({ phase }) => filters.sale !== "on-sale" || phase === "open")
    .filter(({ phase }) => filters.sale !== "opening-soon" || phase === "pre")
    .map(({ summary }) => summary);
}
