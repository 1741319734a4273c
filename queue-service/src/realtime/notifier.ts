import type { QueueProgress, ReleaseReason } from "@ticketping/common/queue";
import { buyerRoom, queueRoom } from "./rooms";
import type { QueueServer } from "./types";

/**
 * Pushes to rooms, which the Redis adapter spans across instances: the instance that
 * admits a buyer reaches every tab of theirs, wherever it is connected.
 */
export interface Notifier {
  progress: (progress: QueueProgress) => void;
  admitted: (performanceId: string, userIds: readonly string[], claimBy: number) => void;
  released: (performanceId: string, userId: string, reason: ReleaseReason) => void;
}

export function createNotifier(io: QueueServer): Notifier {
  return {
    progress: (progress) => {
      io.to(queueRoom(progress.performanceId)).emit("queue:progress", progress);
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
