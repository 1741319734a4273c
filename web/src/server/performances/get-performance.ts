import "server-only";
import { AppError } from "@ticketping/common/errors";
import { ensureSaleFairness } from "@ticketping/db";
import { db } from "../db";
import { commitmentOf } from "../fairness/commitment-of";
import { publicSalePhase, salePhase } from "./sale-phase";
import type { PerformanceDetail } from "./schemas";

/** A published (or closed) performance by its slug; drafts do not exist for buyers. */
export async function getPerformance({
  slug,
  now = new Date(),
}: {
  slug: string;
  now?: Date;
}): Promise<PerformanceDetail> {
  const performance = await db().performance.findFirst({
    where: { slug, saleStatus: { not: "DRAFT" } },
    include: {
      hall: { select: { name: true, address: true, rows: true, columns: true, timeZone: true } },
      grades: {
        select: { id: true, name: true, priceMinor: true, currency: true, colour: true },
        orderBy: [{ sortOrder: "asc" }, { priceMinor: "desc" }],
      },
      schedules: {
        select: { id: true, startsAt: true, cancelledAt: true },
        orderBy: { startsAt: "asc" },
      },
    },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no published performance ${slug}`);

  const counts = await db().seat.groupBy({
    by: ["scheduleId", "status"],
    // Held-back seats are not for sale: neither left nor part of the show's total.
    where: {
      scheduleId: { in: performance.schedules.map((schedule) => schedule.id) },
      heldBackAt: null,
    },
    _count: { _all: true },
  });
  const schedules = performance.schedules.map((schedule) => {
    const rows = counts.filter((row) => row.scheduleId === schedule.id);
    return {
      ...schedule,
      totalSeats: rows.reduce((sum, row) => sum + row._count._all, 0),
      // A cancelled show's seats stay AVAILABLE in the table but nobody can book them.
      availableSeats: schedule.cancelledAt
        ? 0
        : (rows.find((row) => row.status === "AVAILABLE")?._count._all ?? 0),
    };
  });
  const availableSeats = schedules.reduce((sum, schedule) => sum + schedule.availableSeats, 0);
  // Fixed here at the latest if no queue process has needed it yet (first writer wins).
  const { seed, generalSeed } = await ensureSaleFairness(db(), performance.id);

  return {
    id: performance.id,
    slug: performance.slug,
    name: performance.name,
    description: performance.description,
    posterUrl: performance.posterUrl,
    runtimeMinutes: performance.runtimeMinutes,
    ageRating: performance.ageRating,
    bookingOpensAt: performance.bookingOpensAt,
    bookingClosesAt: performance.bookingClosesAt,
    firstShowAt: performance.firstShowAt,
    lastShowAt: performance.lastShowAt,
    maxSeatsPerReservation: performance.maxSeatsPerReservation,
    generalSaleOpensAt: performance.generalSaleOpensAt,
    phase: publicSalePhase(salePhase({ ...performance, availableSeats }, now), {
      everyShowCancelled:
        schedules.length > 0 && schedules.every((schedule) => schedule.cancelledAt !== null),
    }),
    asOf: now,
    hall: performance.hall,
    grades: performance.grades,
    schedules,
    // The general sale's commitment is shown whether or not a presale is set: a presale
    // added once the lead window is open, or removed later, must not change what was noted.
    fairness: { ...commitmentOf(seed), generalCommitment: commitmentOf(generalSeed).commitment },
  };
}
