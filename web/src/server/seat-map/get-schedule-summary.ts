import "server-only";
import { scheduleKeys } from "@ticketping/common/seats";
import { db } from "../db";
import { env } from "@/env";
import { getRedis } from "../redis";
import type { SeatMapLayout } from "./types";
import { performanceHeaderSelect } from "./performance-header-select";

export type ScheduleSummary = Pick<
  SeatMapLayout,
  | "scheduleId"
  | "performanceId"
  | "performanceName"
  | "performanceSlug"
  | "hallName"
  | "timeZone"
  | "startsAt"
  | "rows"
  | "columns"
  | "maxSeatsPerReservation"
  | "cancelledAt"
>;

/**
 * What the seat map page needs before the map itself: which performance (for the gate)
 * and the hall's size (to reserve the grid's space). From the cached layout with a plain
 * read (pages must not run the Lua-backed reads, see common/src/seats), else from
 * PostgreSQL. Null for an unknown schedule or a draft performance.
 */
export async function getScheduleSummary({
  scheduleId,
}: {
  scheduleId: string;
}): Promise<ScheduleSummary | null> {
  const cached = await getRedis().hget(
    scheduleKeys(env.SEAT_KEY_PREFIX, scheduleId).layout,
    "json",
  );
  const layout = cached ? (JSON.parse(cached) as Partial<SeatMapLayout>) : null;
  // A layout cached before it carried the hall's zone or the cancellation is read from
  // PostgreSQL instead.
  if (layout?.timeZone && layout.cancelledAt !== undefined) {
    return summarise(layout as SeatMapLayout);
  }
  const schedule = await db().schedule.findUnique({
    where: { id: scheduleId },
    select: {
      startsAt: true,
      cancelledAt: true,
      performance: { select: performanceHeaderSelect },
    },
  });
  if (!schedule || schedule.performance.saleStatus === "DRAFT") return null;
  const { performance } = schedule;
  return {
    scheduleId,
    performanceId: performance.id,
    performanceName: performance.name,
    performanceSlug: performance.slug,
    hallName: performance.hall.name,
    timeZone: performance.hall.timeZone,
    startsAt: schedule.startsAt.toISOString(),
    rows: performance.hall.rows,
    columns: performance.hall.columns,
    maxSeatsPerReservation: performance.maxSeatsPerReservation,
    cancelledAt: schedule.cancelledAt?.toISOString() ?? null,
  };
}

function summarise(layout: SeatMapLayout): ScheduleSummary {
  return {
    scheduleId: layout.scheduleId,
    performanceId: layout.performanceId,
    performanceName: layout.performanceName,
    performanceSlug: layout.performanceSlug,
    hallName: layout.hallName,
    timeZone: layout.timeZone,
    startsAt: layout.startsAt,
    rows: layout.rows,
    columns: layout.columns,
    maxSeatsPerReservation: layout.maxSeatsPerReservation,
    cancelledAt: layout.cancelledAt,
  };
}
