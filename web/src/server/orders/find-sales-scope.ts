import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";

/** What an order or attendee list covers: one show, or every show of a performance. */
export type SalesScopeRef = { schedule: string } | { performance: string };

export interface SalesScope {
  /** The shows, earliest first. */
  scheduleIds: string[];
  /** Names the export file: the performance's slug, and the show's time for one show. */
  fileStem: string;
}

/** The shows of a scope; NOT_FOUND for an unknown show or performance. */
export async function findSalesScope(ref: SalesScopeRef): Promise<SalesScope> {
  if ("schedule" in ref) {
    const schedule = await db().schedule.findUnique({
      where: { id: ref.schedule },
      select: { id: true, startsAt: true, performance: { select: { slug: true } } },
    });
    if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${ref.schedule}`);
    // 2026-12-20T10:30:00.000Z -> 20261220-1030 (UTC, as every time in the file).
    const time = schedule.startsAt.toISOString().slice(0, 16).replaceAll(/[-:]/g, "");
    return {
      scheduleIds: [schedule.id],
      fileStem: `${schedule.performance.slug}-${time.replace("T", "-")}`,
    };
  }
  const performance = await db().performance.findUnique({
    where: { id: ref.performance },
    select: { slug: true, schedules: { select: { id: true }, orderBy: { startsAt: "asc" } } },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${ref.performance}`);
  return {
    scheduleIds: performance.schedules.map((schedule) => schedule.id),
    fileStem: performance.slug,
  };
}
