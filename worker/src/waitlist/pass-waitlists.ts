import type { HandlerDeps } from "../handlers/deps";
import { workerMetrics } from "../metrics";
import { offerReturnedSeats } from "./offer-returned-seats";

/** Shows looked at in one pass. */
const SHOWS_PER_PASS = 500;

/**
 * The sweeper's repair: every show with waiting entries (or offers still marked open) and
 * a free seat gets a waitlist pass. Each show is its own transaction, so one show's
 * failure (logged and counted) neither stops the others nor rolls back their offers.
 */
export async function passWaitlists(
  deps: HandlerDeps,
): Promise<{ offered: number; failed: number }> {
  const shows = await deps.prisma.$queryRaw<{ schedule_id: string }[]>`
    SELECT DISTINCT e.schedule_id
      FROM waitlist_entries e
     WHERE e.status IN ('WAITING', 'OFFERED')
       AND (e.status = 'OFFERED' OR EXISTS (
             SELECT 1 FROM seats s
              WHERE s.schedule_id = e.schedule_id AND s.status = 'AVAILABLE'
                AND s.held_back_at IS NULL))
     LIMIT ${SHOWS_PER_PASS}`;
  let offered = 0;
  let failed = 0;
  for (const { schedule_id: scheduleId } of shows) {
    try {
      offered += (await offerReturnedSeats(deps, { scheduleId })).offered;
    } catch (error) {
      failed++;
      workerMetrics.waitlistPassFailures.inc();
      deps.logger.error({ err: error, scheduleId }, "waitlist pass of one show failed");
    }
  }
  return { offered, failed };
}
