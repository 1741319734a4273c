import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import type { ShowCancellation } from "./schemas";

/**
 * A show's cancellation and the progress of its refunds, for the console's progress bar:
 * the orders still CONFIRMED are waiting to be refunded, those with a show-cancellation
 * Refund are on their way or done.
 */
export async function getShowCancellation({
  scheduleId,
}: {
  scheduleId: string;
}): Promise<ShowCancellation> {
  const schedule = await db().schedule.findUnique({
    where: { id: scheduleId },
    select: { cancelledAt: true, cancelReason: true },
  });
  if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  const inShow = { reservation: { scheduleId }, cause: "SHOW_CANCELLED" as const };
  const [waiting, requested, refunded] = await Promise.all([
    db().reservation.count({ where: { scheduleId, status: "CONFIRMED" } }),
    db().refund.count({ where: inShow }),
    db().refund.count({ where: { ...inShow, status: "REFUNDED" } }),
  ]);
  return {
    scheduleId,
    cancelledAt: schedule.cancelledAt,
    reason: schedule.cancelReason,
    orders: { total: waiting + requested, refunded },
  };
}
