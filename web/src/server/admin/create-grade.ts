import "server-only";
import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import type { AdminGrade } from "./answers";
import { PERFORMANCE_CURRENCY } from "./create-performance";
import { gradeNameTaken } from "./conflict-errors";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import type { gradeSchema } from "./schemas";

/** A new price grade; seat maps list every grade of the performance, so they are rebuilt. */
export async function createGrade({
  performanceId,
  input,
}: {
  performanceId: string;
  input: z.infer<typeof gradeSchema>;
}): Promise<AdminGrade> {
  const performance = await db().performance.findUnique({
    where: { id: performanceId },
    select: { id: true, schedules: { select: { id: true } } },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  let grade;
  try {
    grade = await db().seatGrade.create({
      data: { ...input, performanceId, currency: PERFORMANCE_CURRENCY },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw gradeNameTaken(error);
    throw error;
  }
  await invalidateLiveCaches({ scheduleIds: performance.schedules.map((s) => s.id) });
  return grade;
}
