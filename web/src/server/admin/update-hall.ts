import "server-only";
import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { findPlanProblems } from "../hall-plan/find-plan-problems";
import { readHallPlan } from "../hall-plan/read-hall-plan";
import type { SavedHall } from "./answers";
import { invalidInput } from "./invalid-input";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { listScheduleIds } from "./list-schedule-ids";
import type { hallUpdateSchema } from "./schemas";

/**
 * Name and address can always change. The size cannot once a schedule of any of the
 * hall's performances exists: its seats were laid out from the old rows and columns.
 * Seat maps name the hall, so those of its shows are rebuilt.
 */
export async function updateHall({
  id,
  input,
}: {
  id: string;
  input: z.infer<typeof hallUpdateSchema>;
}): Promise<SavedHall> {
  const { hall, scheduleIds } = await db().$transaction(async (tx) => {
    // Locks the hall so a schedule cannot be laid out from the old size meanwhile.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM halls WHERE id = ${id}::uuid FOR UPDATE`;
    const hall = locked.length > 0 ? await tx.hall.findUnique({ where: { id } }) : null;
    if (!hall) throw new AppError("NOT_FOUND", `no hall ${id}`);

    const resizing =
      (input.rows !== undefined && input.rows !== hall.rows) ||
      (input.columns !== undefined && input.columns !== hall.columns);
    if (resizing) {
      const schedules = await tx.schedule.count({ where: { performance: { hallId: id } } });
      if (schedules > 0) {
        throw new AppError("CONFLICT", `hall ${id} has ${schedules} schedules`, {
          userMessage:
            "This hall's size cannot change: seats of existing schedules were laid out from it. Create a new hall instead.",
          details: { reason: "HALL_IN_USE" },
        });
      }
    }
    // Aisles and sections must stay inside (the database's CHECKs would refuse aisles
    // with a bare 500; sections only this check keeps).
    if (resizing) {
      const size = { rows: input.rows ?? hall.rows, columns: input.columns ?? hall.columns };
      const outside = findPlanProblems(readHallPlan(hall), size);
      if (outside.length > 0) {
        throw invalidInput(
          input.rows !== undefined && input.rows !== hall.rows ? "rows" : "columns",
          "Aisles or sections lie beyond this size: change them first.",
        );
      }
    }
    const updated = await tx.hall.update({
      where: { id },
      data: input,
      select: { id: true, name: true, address: true, rows: true, columns: true, timeZone: true },
    });
    return {
      hall: updated,
      scheduleIds: await listScheduleIds({ tx, where: { performance: { hallId: id } } }),
    };
  });
  await invalidateLiveCaches({ scheduleIds });
  return hall;
}
