import "server-only";
import { AppError } from "@ticketping/common/errors";

/**
 * A rule only the database state can check (e.g. bands must cover the hall's rows),
 * reported in the same shape as a zod failure so forms show it beside the field.
 */
export function invalidInput(path: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", `invalid ${path}: ${message}`, {
    userMessage: message,
    details: { issues: [{ path, message }] },
  });
}
