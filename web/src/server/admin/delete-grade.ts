import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { isForeignKeyViolation } from "./is-foreign-key-violation";

const gradeInUse = (id: string, cause?: unknown) =>
  new AppError("CONFLICT", `grade ${id} in use`, {
    userMessage: "Seats of existing schedules use this grade. Delete those schedules first.",
    details: { reason: "GRADE_IN_USE" },
    cause,
  });

/** Only a grade no seat uses can go; seats keep their grade for the life of a schedule. */
export async function deleteGrade({ id }: { id: string }): Promise<void> {
  try {
    await db().$transaction(async (tx) => {
      const grade = await tx.seatGrade.findUnique({
        where: { id },
        select: { _count: { select: { seats: true } } },
      });
      if (!grade) throw new AppError("NOT_FOUND", `no grade ${id}`);
      if (grade._count.seats > 0) throw gradeInUse(id);
      await tx.seatGrade.delete({ where: { id } });
    });
  } catch (error) {
    // A schedule laid out with this grade after the count.
    if (isForeignKeyViolation(error)) throw gradeInUse(id, error);
    throw error;
  }
}
