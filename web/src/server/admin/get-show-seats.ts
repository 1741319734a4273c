import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { hallPlanSelect } from "../hall-plan/hall-plan-select";
import { readHallPlan } from "../hall-plan/read-hall-plan";
import type { ShowSeats } from "./answers";

/**
 * The organizer's seat plan of one show: each seat free, held, sold or held back, with the
 * hall's aisles and sections to draw it as buyers see it.
 */
export async function getShowSeats({ scheduleId }: { scheduleId: string }): Promise<ShowSeats> {
  const schedule = await db().schedule.findUnique({
    where: { id: scheduleId },
    select: {
      performance: {
        select: { hall: { select: { rows: true, columns: true, ...hallPlanSelect } } },
      },
      seats: {
        select: { id: true, row: true, column: true, status: true, heldBackAt: true },
        orderBy: [{ row: "asc" }, { column: "asc" }],
      },
    },
  });
  if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  const { hall } = schedule.performance;
  return {
    scheduleId,
    rows: hall.rows,
    columns: hall.columns,
    plan: readHallPlan(hall),
    seats: schedule.seats.map((seat) => ({
      id: seat.id,
      row: seat.row,
      column: seat.column,
      state: seat.heldBackAt ? "HELD_BACK" : seat.status === "AVAILABLE" ? "FREE" : seat.status,
    })),
  };
}
