import "server-only";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import type { SavedSchedule } from "./answers";
import type { ScheduleCreateInput } from "./schemas";
import { invalidInput } from "./invalid-input";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { refreshShowDates } from "./refresh-show-dates";

/** Each row's grade, or an error naming the first row that has none or two. */
function gradeByRow(bands: ScheduleCreateInput["bands"], rows: number): string[] {
  const byRow: (string | undefined)[] = Array.from({ length: rows }, () => undefined);
  for (const band of bands) {
    if (band.toRow > rows) {
      throw invalidInput("bands", `The hall has ${rows} rows; row ${band.toRow} does not exist.`);
    }
    for (let row = band.fromRow; row <= band.toRow; row++) {
      if (byRow[row - 1] !== undefined) {
        throw invalidInput("bands", `Row ${row} is in two bands.`);
      }
      byRow[row - 1] = band.gradeId;
    }
  }
  return byRow.map((gradeId, index) => {
    if (gradeId === undefined) throw invalidInput("bands", `Row ${index + 1} has no grade.`);
    return gradeId;
  });
}

/**
 * One show time with its seats: the hall's rows x columns, each row's grade taken from
 * the organizer's row bands. All in one transaction, so a schedule never exists without
 * its full seat map. The waiting room then recounts the performance's unsold seats (a
 * sold-out line may reopen).
 */
export async function createSchedule({
  performanceId,
  input,
}: {
  performanceId: string;
  input: ScheduleCreateInput;
}): Promise<SavedSchedule> {
  let created;
  try {
    created = await db().$transaction(async (tx) => {
      const performance = await tx.performance.findUnique({
        where: { id: performanceId },
        select: { hallId: true, grades: { select: { id: true } } },
      });
      if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
      // Shares the hall's row lock with other schedules, and excludes a resize meanwhile.
      const [hall] = await tx.$queryRaw<{ rows: number; columns: number }[]>`
        SELECT row_count AS rows, column_count AS columns
        FROM halls WHERE id = ${performance.hallId}::uuid FOR SHARE`;
      if (!hall) throw new AppError("NOT_FOUND", `no hall ${performance.hallId}`);

      const ownGrades = new Set(performance.grades.map((grade) => grade.id));
      const foreign = input.bands.find((band) => !ownGrades.has(band.gradeId));
      if (foreign) throw invalidInput("bands", "Use this performance's own grades.");
      const grades = gradeByRow(input.bands, hall.rows);

      const schedule = await tx.schedule.create({
        data: { performanceId, startsAt: input.startsAt },
        select: { id: true, startsAt: true },
      });
      const seats = grades.flatMap((gradeId, index) =>
        Array.from({ length: hall.columns }, (_, column) => ({
          scheduleId: schedule.id,
          row: index + 1,
          column: column + 1,
          gradeId,
        })),
      );
      const { count } = await tx.seat.createMany({ data: seats });
      await refreshShowDates({ tx, performanceId });
      return { ...schedule, seatCount: count };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "schedule time taken", {
        userMessage: "This performance already has a show at that time.",
        details: {
          reason: "SCHEDULE_EXISTS",
          issues: [{ path: "startsAt", message: "Already scheduled." }],
        },
        cause: error,
      });
    }
    throw error;
  }
  await invalidateLiveCaches({ performanceIds: [performanceId] });
  return created;
}
