import type { Histogram } from "prom-client";
import type { QueueProgress, ReleaseReason } from "@ticketping/common/queue";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { LocalQueueSockets } from "./local-queue-sockets";
import type { QueueServer } from "./types";

/**
 * Tells every instance's sockets: each piece of news crosses the Redis adapter once, as a
 * server-side event, and every instance (this one directly) hands it to its own sockets. The
 * instance that admits a buyer so reaches every tab of theirs, wherever it is connected.
 */
export interface Notifier {
  /** Resolves once this instance's sockets of the queue were sent this progress or a newer one. */
  progress: (progress: QueueProgress) => Promise<void>;
  admitted: (performanceId: string, userIds: readonly string[], claimBy: number) => void;
  released: (performanceId: string, userId: string, reason: ReleaseReason) => void;
}

export function createNotifier(options: {
  io: QueueServer;
  sockets: LocalQueueSockets;
  /** Observes each push of a progress to this instance's sockets of its queue. */
  broadcastDuration: Histogram;
  /** Called with each progress another instance broadcast. */
  onHeard: (progress: QueueProgress) => void;
}): Notifier {
  const { io, sockets, broadcastDuration, onHeard } = options;
  /** Queues whose progress this instance is pushing now, each with the newest that came meanwhile. */
  const pushing = new Map<string, QueueProgress | undefined>();

  /**
   * Shard by shard, letting joins and acks run in between. A push to tens of thousands of
   * sockets can outlast the progress interval: then only the newest progress that came
   * meanwhile goes out after it, never two pushes of one queue at once (a waiter needs the
   * latest figures, not every one).
   */
  const pushLocally = async (progress: QueueProgress): Promise<void> => {
    const { performanceId } = progress;
    if (pushing.has(performanceId)) {
      const newest = pushing.get(performanceId);
      if (newest === undefined || newest.at <= progress.at) pushing.set(performanceId, progress);
      return;
    }
    pushing.set(performanceId, undefined);
    try {
      for (let next: QueueProgress | undefined = progress; next !== undefined;) {
        const rooms = sockets.shardRooms(performanceId);
        // No socket of the queue here (or news of another service's queue on the channel).
        if (rooms === undefined) break;
        const stopTimer = broadcastDuration.startTimer();
        for (const room of rooms) {
          io.local.to(room).emit("queue:progress", next);
          await yieldToEventLoop();
        }
        stopTimer();
        next = pushing.get(performanceId);
        pushing.set(performanceId, undefined);
      }
    } finally {
      pushing.delete(performanceId);
    }
  };

  const admitLocally = (performanceId: string, userIds: readonly string[], claimBy: number) => {
    for (const userId of userIds) {
      for (const tab of sockets.tabsOf(performanceId, userId)) {
        tab.emit("queue:admitted", { performanceId, claimBy });
      }
    }
  };
  const releaseLocally = (performanceId: string, userId: string, reason: ReleaseReason) => {
    for (const tab of sockets.tabsOf(performanceId, userId)) {
      tab.emit("queue:released", { performanceId, reason });
    }
  };

  io.on("queue:progress", (progress) => {
    onHeard(progress);
    void pushLocally(progress);
  });
  io.on("queue:admitted", admitLocally);
  io.on("queue:released", releaseLocally);

  return {
    progress: (progress) => {
      io.serverSideEmit("queue:progress", progress);
      return pushLocally(progress);
    },
    admitted: (performanceId, userIds, claimBy) => {
      if (userIds.length === 0) return;
      // One publish for the whole batch: everyone admitted in one call shares claimBy.
      io.serverSideEmit("queue:admitted", performanceId, [...userIds], claimBy);
      admitLocally(performanceId, userIds, claimBy);
    },
    released: (performanceId, userId, reason) => {
      io.serverSideEmit("queue:released", performanceId, userId, reason);
      releaseLocally(performanceId, userId, reason);
    },
  };
}
