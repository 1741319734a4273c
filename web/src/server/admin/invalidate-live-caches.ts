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
 * - the queue service's list of live queues, for `generalSales` (a general sale's instant
 *   just saved): each stays on it until that instant, as a join would keep it, so the
 *   ticker runs the general round on time even when nobody has joined for over an hour.
 *
 * The edit is already saved when this runs, so a Redis failure must not pass for a
 * rejected edit: it answers 503 with a message saying so. Saving again repeats the
 * (idempotent) invalidation.
 */
export async function invalidateLiveCaches({
  scheduleIds = [],
  performanceIds = [],
  generalSales = [],
}: {
  scheduleIds?: readonly string[];
  performanceIds?: readonly string[];
  generalSales?: readonly { performanceId: string; opensAt: Date }[];
}): Promise<void> {
  if (scheduleIds.length === 0 && performanceIds.length === 0 && generalSales.length === 0) return;
  const redis = getRedis();
  const now = Date.now();
  try {
    await Promise.all([
      ...generalSales.map(({ performanceId, opensAt }) =>
        queueStore().touchIndex(performanceId, Math.max(now, opensAt.getTime())),
      ),
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
