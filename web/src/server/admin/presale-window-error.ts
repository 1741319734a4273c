import "server-only";
import { isCheckViolation } from "@ticketping/db";
import type { AppError } from "@ticketping/common/errors";
import { presaleWindowMessage } from "./schemas";
import { invalidInput } from "./invalid-input";

/**
 * The database's own refusal of a presale outside the booking window (CHECK
 * performances_presale_window), as the form's field error: an edit racing another that
 * moved the window gets a 400 with the field named, never a 500.
 */
export function presaleWindowError(error: unknown): AppError | undefined {
  if (!isCheckViolation(error, "performances_presale_window")) return undefined;
  return invalidInput("generalSaleOpensAt", presaleWindowMessage);
}
