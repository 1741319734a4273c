import "server-only";
import type { SaleStatus } from "@ticketping/db";
import { db } from "../db";

export interface AdminPerformanceRow {
  id: string;
  slug: string;
  name: string;
  saleStatus: SaleStatus;
  hallName: string;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  firstShowAt: Date;
  lastShowAt: Date;
  scheduleCount: number;
}

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
