import type { QueueProgress, ReleaseReason } from "@ticketping/common/queue";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { buyerRoom, PROGRESS_SHARDS, queueShardRoom } from "./rooms";
import type { QueueServer } from "./types";

/**
 * Pushes to rooms, which the Redis adapter spans across instances: the instance that
 * admits a buyer reaches every tab of theirs, wherever it is connected.
 */
export interface Notifier {
  /** Resolves once every shard of the queue's waiters was sent the progress. */
  progress: (progress: QueueProgress) => Promise<void>;
  admitted: (performanceId: string, userIds: readonly string[], claimBy: number) => void;
  released: (performanceId: string, userId: string, reason: ReleaseReason) => void;
}

export function createNotifier(io: QueueServer): Notifier {
  return {
    progress: async (progress) => {
      for (let shard = 0; shard < PROGRESS_SHARDS; shard++) {
        io.to(queueShardRoom(progress.performanceId, shard)).emit("queue:progress", progress);
        // Let waiting joins and acks run between shards instead of after all of them.
        await yieldToEventLoop();
      }
    },
    admitted: (performanceId, userIds, claimBy) => {
      if (userIds.length === 0) return;
      // One publish for the whole batch: everyone admitted in one call shares claimBy.
      io.to(userIds.map((userId) => buyerRoom(performanceId, userId))).emit("queue:admitted", {
        performanceId,
        claimBy,
      });
    },
    released: (performanceId, userId, reason) => {
      io.to(buyerRoom(performanceId, userId)).emit("queue:released", { performanceId, reason });
    },
  };
}
