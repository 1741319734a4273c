import "server-only";
import { AppError } from "@ticketping/common/errors";
import { invalidateSeatMap } from "@ticketping/common/seats";
import { queueStore } from "../queue/queue-store";
import { env } from "@/env";
import { getRedis } from "../redis";

/**
 * Called after an organizer edit committed, for what Redis keeps a copy of:
 * - the seat maps of `scheduleIds` (grades, prices, colours, names, limits, the hall's
 *   name, a deleted show): the next read rebuilds each from PostgreSQL;
 * - the waiting room's settings of `performanceIds` (queue tuning, sale status and
 *   window, unsold seats): its next script call finds none and the queue service reloads
 *   them, within one tick instead of QUEUE_SETTINGS_REFRESH_MS;
 * - the queue service's list of due rounds, for `generalSales` (a general sale's instant
 *   just saved, or its sale brought back to life before its round): each is listed at that
 *   instant (now, if it passed), so the ticker runs the general round on time even when
 *   nobody has joined for over an hour, without ticking the sale until then; and for
 *   `removedGeneralSales` (a presale removed), taken off it.
 *
 * The edit is already saved when this runs, so a Redis failure must not pass for a
 * rejected edit: it answers 503 with a message saying so. Saving again repeats the
 * (idempotent) invalidation.
 */
export async function invalidateLiveCaches({
  scheduleIds = [],
  performanceIds = [],
  generalSales = [],
  removedGeneralSales = [],
}: {
  scheduleIds?: readonly string[];
  performanceIds?: readonly string[];
  generalSales?: readonly { performanceId: string; opensAt: Date }[];
  removedGeneralSales?: readonly string[];
}): Promise<void> {
  if (
    scheduleIds.length === 0 &&
    performanceIds.length === 0 &&
    generalSales.length === 0 &&
    removedGeneralSales.length === 0
  )
    return;
  const redis = getRedis();
  const now = Date.now();
  try {
    await Promise.all([
      ...generalSales.map(({ performanceId, opensAt }) =>
        queueStore().scheduleRound(performanceId, Math.max(now, opensAt.getTime())),
      ),
      ...removedGeneralSales.map((performanceId) => queueStore().unscheduleRound(performanceId)),
      ...scheduleIds.map((scheduleId) =>
        invalidateSeatMap(redis, { keyPrefix: env.SEAT_KEY_PREFIX, scheduleId }),
      ),
      ...performanceIds.map((performanceId) => queueStore().invalidateSettings(performanceId)),
    ]);
  } catch (error) {
    throw new AppError("SERVICE_UNAVAILABLE", "invalidating live caches failed", {
      userMessage:
        "Your change was saved, but seat maps and the waiting room could not be refreshed yet. Save again in a moment.",
      cause: error,
    });
  }
}
