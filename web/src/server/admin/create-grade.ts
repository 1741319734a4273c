import "server-only";
import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import type { AdminGrade } from "./answers";
import { gradeNameTaken } from "./conflict-errors";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { listScheduleIds } from "./list-schedule-ids";
import type { gradeSchema } from "./schemas";

/**
 * A new price grade, in the performance's currency. Seat maps list every grade of the
 * performance, so they are rebuilt.
 */
export async function createGrade({
  performanceId,
  input,
}: {
  performanceId: string;
  input: z.infer<typeof gradeSchema>;
}): Promise<AdminGrade> {
  let grade;
  let scheduleIds: string[];
  try {
    ({ grade, scheduleIds } = await db().$transaction(async (tx) => {
      // FOR SHARE: a currency change (which updates this row) waits for this grade, and
      // then rewrites it with the others, so no grade keeps the old currency.
      const [performance] = await tx.$queryRaw<{ currency: string }[]>`
        SELECT currency FROM performances WHERE id = ${performanceId}::uuid FOR SHARE`;
      if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
      return {
        grade: await tx.seatGrade.create({
          data: { ...input, performanceId, currency: performance.currency },
        }),
        scheduleIds: await listScheduleIds({ tx, where: { performanceId } }),
      };
    }));
  } catch (error) {
    if (isUniqueViolation(error)) throw gradeNameTaken(error);
    throw error;
  }
  await invalidateLiveCaches({ scheduleIds });
  return grade;
}
