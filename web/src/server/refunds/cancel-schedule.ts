import "server-only";
import { AppError } from "@ticketping/common/errors";
import { cancelShow, paymentReasons } from "@ticketping/db/lifecycle";
import { invalidateLiveCaches } from "../admin/invalidate-live-caches";
import { db } from "../db";
import type { CancelShowInput } from "./schemas";

/**
 * The organizer cancels one show (a schedule): from the commit on the database refuses its
 * holds, and the worker refunds every confirmed order of it (show.cancelled), each buyer
 * getting the show-cancelled mail once. Cancelling again answers the first cancellation.
 */
export async function cancelSchedule({
  scheduleId,
  input,
}: {
  scheduleId: string;
  input: CancelShowInput;
}): Promise<{ scheduleId: string; cancelledAt: Date; alreadyCancelled: boolean }> {
  const result = await db().$transaction((tx) =>
    cancelShow(tx, { scheduleId, reason: input.reason ?? paymentReasons.showCancelled }),
  );
  if (result.outcome === "not-found") throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  // The seat map and the waiting room show the show's state from the database again.
  await invalidateLiveCaches({ scheduleIds: [scheduleId], performanceIds: [result.performanceId] });
  return {
    scheduleId,
    cancelledAt: result.cancelledAt,
    alreadyCancelled: result.outcome === "already-cancelled",
  };
}
