import type { HandlerDeps } from "../handlers/deps";
import { workerMetrics } from "../metrics";
import { offerReturnedSeats } from "./offer-returned-seats";

/**
 * After seats of a show came back (a hold ended, an order was cancelled or refunded with its
 * seats back on sale): offer them to its waitlist. A failure here must not fail the event
 * that freed the seats (the seats are back either way): it is logged and counted, and the
 * sweeper's next pass (passWaitlists) offers them.
 */
export async function passReturnedSeats(deps: HandlerDeps, scheduleId: string): Promise<void> {
  try {
    await offerReturnedSeats(deps, { scheduleId });
  } catch (error) {
    workerMetrics.waitlistPassFailures.inc();
    deps.logger.error({ err: error, scheduleId }, "waitlist offers failed; the sweeper retries");
  }
}
