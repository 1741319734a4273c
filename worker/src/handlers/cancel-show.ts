import { showCancelled } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { continueCancelledShow, refundCancelledShow } from "../refunds/refund-cancelled-show";
import type { HandlerDeps } from "./deps";

/**
 * A show was cancelled: its confirmed orders are refunded a batch per delivery, and while
 * some remain the next batch is handed on as another show.cancelled (through the outbox),
 * so no delivery outlasts the consumer group's session. An order that cannot be refunded now is passed over, not retried
 * here, so it cannot stall the rest. A crash loses nothing: the
 * undelivered offset or the worker's sweep (finishCancelledShows) picks the show up again.
 */
export function cancelShowHandler(deps: HandlerDeps): Subscription {
  return subscribe(showCancelled, async (event) => {
    const { scheduleId, performanceId, after } = event.payload;
    const progress = await refundCancelledShow(deps, { scheduleId, after });
    deps.logger.info({ ...event.payload, ...progress }, "cancelled show's orders refunded");
    if (progress.remaining > 0 && progress.last) {
      await continueCancelledShow(deps, { scheduleId, performanceId, after: progress.last });
    }
  });
}
