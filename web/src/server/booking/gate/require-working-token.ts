import "server-only";
import { AppError } from "@ticketping/common/errors";
import type { WorkingTokenClaims } from "@ticketping/common/queue";
import { rememberSchedulePerformance } from "./schedule-performances";
import { queueTokenRequiredDetails, readWorkingToken } from "./transport";
import { verifyBuyerWorkingToken } from "./verify-buyer-working-token";

/**
 * The booking gate's full check of a request: its working token (verifyBuyerWorkingToken:
 * signature, expiry, performance, the signed-in buyer, and one Redis read proving the slot
 * was not released or revoked). The proxy only did the cheap signature check. Throws
 * QUEUE_TOKEN_REQUIRED with the waiting room to go to.
 */
export async function requireWorkingToken({
  headers,
  userId,
  performanceId,
  scheduleId,
}: {
  headers: Headers;
  userId: string;
  performanceId: string;
  /** The show being booked, for the way back from the waiting room. */
  scheduleId?: string;
}): Promise<WorkingTokenClaims> {
  // So the proxy can refuse this show's token-less calls itself, with these details.
  if (scheduleId) rememberSchedulePerformance(scheduleId, performanceId);
  const details = queueTokenRequiredDetails(performanceId, scheduleId);
  const token = readWorkingToken(headers);
  if (!token) throw new AppError("QUEUE_TOKEN_REQUIRED", "no working token", { details });
  try {
    return await verifyBuyerWorkingToken({ token, userId, performanceId });
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.code !== "QUEUE_TOKEN_REQUIRED") throw error;
    throw new AppError("QUEUE_TOKEN_REQUIRED", appError.message, { details, cause: error });
  }
}
