import "server-only";
import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import type { AdminGrade } from "./answers";
import { gradeNameTaken, reservationsExist } from "./conflict-errors";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { listScheduleIds } from "./list-schedule-ids";
import type { gradeUpdateSchema } from "./schemas";

/**
 * Name, colour and order can always change. The price cannot once anyone has reserved
 * a seat of this performance: buyers were shown, and may have paid, the old price.
 * Every show's cached seat map shows grades, so each is rebuilt after the change.
 */
export async function updateGrade({
  id,
  input,
}: {
  id: string;
  input: z.infer<typeof gradeUpdateSchema>;
}): Promise<AdminGrade> {
  let updated;
  try {
    updated = await db().$transaction(async (tx) => {
      const grade = await tx.seatGrade.findUnique({ where: { id } });
      if (!grade) throw new AppError("NOT_FOUND", `no grade ${id}`);
      if (input.priceMinor !== undefined && input.priceMinor !== grade.priceMinor) {
        const reservations = await tx.reservation.count({
          where: { schedule: { performanceId: grade.performanceId } },
        });
        if (reservations > 0) {
          throw reservationsExist(
            `grade ${id} price`,
            "Prices cannot change once tickets of this performance have been reserved: buyers were charged the current price.",
          );
        }
      }
      const changed = await tx.seatGrade.update({ where: { id }, data: input });
      const scheduleIds = await listScheduleIds({
        tx,
        where: { performanceId: grade.performanceId },
      });
      return { grade: changed, scheduleIds };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw gradeNameTaken(error);
    throw error;
  }
  await invalidateLiveCaches({ scheduleIds: updated.scheduleIds });
  return updated.grade;
}
