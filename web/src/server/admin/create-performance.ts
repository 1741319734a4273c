import "server-only";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import type { SavedPerformance } from "./answers";
import type { PerformanceCreateInput } from "./schemas";
import { invalidInput } from "./invalid-input";
import { presaleWindowError } from "./presale-window-error";

/**
 * A performance with its grades, in one transaction. It has no schedules yet, so its show
 * dates start at the booking close and follow the schedules from then on.
 */
export async function createPerformance({
  input,
}: {
  input: PerformanceCreateInput;
}): Promise<SavedPerformance> {
  const { grades, hallId, ...fields } = input;
  const hall = await db().hall.findUnique({ where: { id: hallId }, select: { id: true } });
  if (!hall) throw invalidInput("hallId", "Choose an existing hall.");
  try {
    return await db().performance.create({
      data: {
        ...fields,
        hallId,
        firstShowAt: fields.bookingClosesAt,
        lastShowAt: fields.bookingClosesAt,
        grades: {
          create: grades.map((grade) => ({ ...grade, currency: fields.currency })),
        },
      },
      select: { id: true, slug: true },
    });
  } catch (error) {
    const presale = presaleWindowError(error);
    if (presale) throw presale;
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "slug taken", {
        userMessage: "Another performance already uses this slug.",
        details: { reason: "SLUG_TAKEN", issues: [{ path: "slug", message: "Already in use." }] },
        cause: error,
      });
    }
    throw error;
  }
}
