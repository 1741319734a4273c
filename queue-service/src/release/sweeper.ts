import type { Logger } from "@ticketping/common/logger";
import type { ReleaseReason } from "@ticketping/common/queue";
import type { QueueStore } from "@ticketping/common/queue/store";
import type { QueueServiceConfig } from "../config";
import { repeat } from "../admission/repeat";
import { throttledWarning } from "../admission/throttled-warning";

/**
 * Keyspace notifications are fire-and-forget: a restart, a dropped subscriber connection
 * or Redis's lazy expiry can lose or delay them. The sweeper periodically frees every slot
 * whose deadline passed, so a missed notification delays the next admission by at most
 * one sweep interval and never loses the slot.
 */
export function startSweeper(options: {
  store: QueueStore;
  config: QueueServiceConfig;
  logger: Logger;
  onReleased: (
    performanceId: string,
    userId: string,
    reason: ReleaseReason,
    tokenId?: string,
  ) => void;
}): { stop: () => Promise<void> } {
  const { store, config, logger, onReleased } = options;

  const sweep = async (): Promise<void> => {
    const queues = await store.listQueues(Date.now() - config.idleQueueRetentionMs);
    for (const performanceId of queues) {
      const released = await store.sweep({ performanceId, limit: 1_000 });
      for (const userId of released) onReleased(performanceId, userId, "expired");
      if (released.length > 0) {
        logger.info({ performanceId, released: released.length }, "sweeper freed lapsed slots");
      }
    }
  };

  return repeat(config.sweepIntervalMs, sweep, throttledWarning(logger, "queue sweep failed"));
}
