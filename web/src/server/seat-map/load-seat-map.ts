import "server-only";
import { seatOwnerValue } from "@ticketping/common/seats";
import { db } from "../db";
import { readHallPlan } from "../hall-plan/read-hall-plan";
import type { SeatMapLayout } from "./types";
import { performanceHeaderSelect } from "./performance-header-select";

interface SeatRow {
  id: string;
  row: number;
  column: number;
  grade_id: string;
  reservation_id: string | null;
  reservation_status: string | null;
  held_back: boolean;
}

/**
 * The owner a held-back seat has in the cache. Buyers see it sold; no reservation id can
 * equal it, so no release, sale or expiry ever frees or marks it: only a rebuild after
 * the organizer releases it does.
 */
const HELD_BACK_OWNER = seatOwnerValue({ status: "SOLD", reservationId: "held-back" });

export interface LoadedSeatMap {
  layout: SeatMapLayout;
  /** seatId -> cache status value, for the seats a live reservation holds or bought, and
   * the seats the organizer held back. */
  taken: [seatId: string, value: string][];
}

/**
 * Reads one schedule's seat map from PostgreSQL (two queries): what the cache is built
 * from. Returns null for an unknown schedule or one whose performance is still a draft.
 */
export async function loadSeatMap({
  scheduleId,
}: {
  scheduleId: string;
}): Promise<LoadedSeatMap | null> {
  const schedule = await db().schedule.findUnique({
    where: { id: scheduleId },
    select: {
      startsAt: true,
      cancelledAt: true,
      performance: {
        select: {
          ...performanceHeaderSelect,
          grades: {
            select: { id: true, name: true, priceMinor: true, currency: true, colour: true },
            orderBy: [{ sortOrder: "asc" }, { priceMinor: "desc" }],
          },
        },
      },
    },
  });
  if (!schedule || schedule.performance.saleStatus === "DRAFT") return null;

  // The active reservation row of a seat is the one the double-sale index protects.
  const seats = await db().$queryRaw<SeatRow[]>`
    SELECT s.id, s.row_number AS "row", s.column_number AS "column", s.grade_id,
           r.id AS reservation_id, r.status::text AS reservation_status,
           s.held_back_at IS NOT NULL AS held_back
      FROM seats s
      LEFT JOIN reservation_seats rs ON rs.seat_id = s.id AND rs.active
      LEFT JOIN reservations r ON r.id = rs.reservation_id
     WHERE s.schedule_id = ${scheduleId}::uuid
     ORDER BY s.row_number, s.column_number`;

  const { performance } = schedule;
  const gradeIndex = new Map(performance.grades.map((grade, index) => [grade.id, index]));
  const taken: [string, string][] = [];
  for (const seat of seats) {
    if (seat.held_back) {
      taken.push([seat.id, HELD_BACK_OWNER]);
      continue;
    }
    if (seat.reservation_id === null) continue;
    const status = seat.reservation_status === "CONFIRMED" ? "SOLD" : "HELD";
    taken.push([seat.id, seatOwnerValue({ status, reservationId: seat.reservation_id })]);
  }
  return {
    layout: {
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
      // Cancelling invalidates the cached map, so the rebuilt layout carries it.
      cancelledAt: schedule.cancelledAt?.toISOString() ?? null,
      grades: performance.grades,
      seats: seats.map((seat) => [
        seat.id,
        seat.row,
        seat.column,
        gradeIndex.get(seat.grade_id) ?? 0,
      ]),
      plan: readHallPlan(performance.hall),
    },
    taken,
  };
}
