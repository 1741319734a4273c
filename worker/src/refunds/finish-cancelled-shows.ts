import type { HandlerDeps } from "../handlers/deps";
import { refundCancelledShow } from "./refund-cancelled-show";

/**
 * Cancelled shows that still have confirmed orders `olderThanMs` after their cancellation
 * (their show.cancelled chain was dead-lettered or is stuck behind Kafka, or a payment
 * confirmed a hold after the cancellation): a batch of each is refunded here directly.
 * Returns how many orders were asked to be refunded.
 */
export async function finishCancelledShows(
  deps: HandlerDeps,
  { olderThanMs, limit = 100 }: { olderThanMs: number; limit?: number },
): Promise<number> {
  const shows = await deps.prisma.schedule.findMany({
    where: {
      cancelledAt: { lt: new Date(Date.now() - olderThanMs) },
      reservations: { some: { status: "CONFIRMED" } },
    },
    select: { id: true },
    take: 10,
  });
  let requested = 0;
  for (const show of shows) {
    try {
      requested += (await refundCancelledShow(deps, { scheduleId: show.id, limit })).requested;
    } catch (error) {
      deps.logger.warn({ err: error, scheduleId: show.id }, "cancelled show not finished");
    }
  }
  return requested;
}
