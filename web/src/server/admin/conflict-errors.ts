import "server-only";
import { AppError } from "@ticketping/common/errors";

/** Organizer edits that would rewrite what buyers already reserved are refused with this. */
export function reservationsExist(what: string, userMessage: string): AppError {
  return new AppError("CONFLICT", `${what}: reservations exist`, {
    userMessage,
    details: { reason: "RESERVATIONS_EXIST" },
  });
}

export function gradeNameTaken(cause: unknown): AppError {
  return new AppError("CONFLICT", "grade name taken", {
    userMessage: "This performance already has a grade with that name.",
    details: { reason: "GRADE_NAME_TAKEN", issues: [{ path: "name", message: "Already in use." }] },
    cause,
  });
}
