import "server-only";
import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import { PERFORMANCE_CURRENCY } from "./create-performance";
import { gradeNameTaken } from "./conflict-errors";
import type { gradeSchema } from "./schemas";

export async function createGrade({
  performanceId,
  input,
}: {
  performanceId: string;
  input: z.infer<typeof gradeSchema>;
}) {
  const performance = await db().performance.findUnique({
    where: { id: performanceId },
    select: { id: true },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  try {
    return await db().seatGrade.create({
      data: { ...input, performanceId, currency: PERFORMANCE_CURRENCY },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw gradeNameTaken(error);
    throw error;
  }
}
