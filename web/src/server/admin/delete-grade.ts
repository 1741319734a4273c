import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { isForeignKeyViolation } from "./is-foreign-key-violation";
import { listScheduleIds } from "./list-schedule-ids";

const gradeInUse = (id: string, cause?: unknown) =>
  new AppError("CONFLICT", `grade ${id} in use`, {
    userMessage: "Seats of existing schedules use this grade. Delete those schedules first.",
    details: { reason: "GRADE_IN_USE" },
    cause,
  });

/**
 * Only a grade no seat uses can go; seats keep their grade for the life of a schedule.
 * Seat maps list every grade of the performance (the legend), so they are rebuilt.
 */
export async function deleteGrade({ id }: { id: string }): Promise<void> {
  let scheduleIds: string[];
  try {
    scheduleIds = await db().$transaction(async (tx) => {
      const grade = await tx.seatGrade.findUnique({
        where: { id },
        select: { performanceId: true, _count: { select: { seats: true } } },
      });
      if (!grade) throw new AppError("NOT_FOUND", `no grade ${id}`);
      if (grade._count.seats > 0) throw gradeInUse(id);
      await tx.seatGrade.delete({ where: { id } });
      return listScheduleIds({ tx, where: { performanceId: grade.performanceId } });
    });
  } catch (error) {
    // A schedule laid out with this grade after the count.
    if (isForeignKeyViolation(error)) throw gradeInUse(id, error);
    throw error;
  }
  await invalidateLiveCaches({ scheduleIds });
}
