import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import type { AdminPerformance } from "./answers";

/** Everything the organizer's edit page shows, drafts included. */
export async function getAdminPerformance({ id }: { id: string }): Promise<AdminPerformance> {
  const performance = await db().performance.findUnique({
    where: { id },
    include: {
      hall: { select: { id: true, name: true, rows: true, columns: true } },
      grades: {
        orderBy: [{ sortOrder: "asc" }, { priceMinor: "desc" }],
        include: { _count: { select: { seats: true } } },
      },
      schedules: {
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          startsAt: true,
          _count: { select: { seats: true, reservations: true } },
        },
      },
    },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${id}`);
  const schedules = performance.schedules.map((schedule) => ({
    id: schedule.id,
    startsAt: schedule.startsAt,
    seatCount: schedule._count.seats,
    reservationCount: schedule._count.reservations,
  }));
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
    generalSaleOpensAt: performance.generalSaleOpensAt,
    firstShowAt: performance.firstShowAt,
    lastShowAt: performance.lastShowAt,
    saleStatus: performance.saleStatus,
    maxSeatsPerReservation: performance.maxSeatsPerReservation,
    currency: performance.currency,
    hall: performance.hall,
    queue: {
      maxActive: performance.queueMaxActive,
      admitRatePerSec: performance.queueAdmitRatePerSec,
      tokenTtlSeconds: performance.queueTokenTtlSeconds,
      refuseRatio: performance.queueRefuseRatio,
      powComplexity: performance.queuePowComplexity,
      requireVerifiedEmail: performance.queueRequireVerifiedEmail,
    },
    grades: performance.grades.map(({ _count, ...grade }) => ({
      id: grade.id,
      name: grade.name,
      priceMinor: grade.priceMinor,
      currency: grade.currency,
      colour: grade.colour,
      sortOrder: grade.sortOrder,
      seatCount: _count.seats,
    })),
    schedules,
    reservationCount: schedules.reduce((sum, schedule) => sum + schedule.reservationCount, 0),
  };
}
