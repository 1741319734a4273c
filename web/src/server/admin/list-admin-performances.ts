import "server-only";
import { db } from "../db";
import type { AdminPerformanceRow } from "./answers";

/** Every performance, drafts included, newest first. */
export async function listAdminPerformances(): Promise<AdminPerformanceRow[]> {
  const performances = await db().performance.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
    select: {
      id: true,
      slug: true,
      name: true,
      saleStatus: true,
      bookingOpensAt: true,
      bookingClosesAt: true,
      firstShowAt: true,
      lastShowAt: true,
      hall: { select: { name: true } },
      _count: { select: { schedules: true } },
    },
  });
  return performances.map(({ hall, _count, ...performance }) => ({
    ...performance,
    hallName: hall.name,
    scheduleCount: _count.schedules,
  }));
}
