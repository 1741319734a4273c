import type { Logger } from "@ticketping/common/logger";
import type { QueueProgress } from "@ticketping/common/queue";
import { readBookingLatency, type QueueStore } from "@ticketping/common/queue/store";
import type { QueueServiceConfig } from "../config";
import type { QueueMetrics } from "../metrics";
import type { Notifier } from "../realtime/notifier";
import type { SettingsLoader } from "../settings/settings-loader";
import { nextPace } from "./next-pace";
import { repeat } from "./repeat";
import { throttledWarning } from "./throttled-warning";

/** What a waiter's derived position depends on; the measured rate drifts every tick. */
function progressFingerprint(progress: QueueProgress): string {
  return [
    progress.phase,
    progress.servedSeq,
    progress.admittedTotal,
    progress.waiting,
    progress.preQueued,
    progress.active,
    progress.maxActive,
    progress.admitRatePerSec,
    // An organizer's moved opening or closing is news to every waiter.
    progress.opensAt,
    progress.closesAt,
  ].join("|");
}

/**
 * Every instance ticks every live queue; advance.lua lets only the first caller per tick
 * interval do the work, so exactly one instance advances a queue per tick, and the
 * others take over at once if it dies. The advancing instance pushes the admissions and
 * broadcasts progress once to the queue's room (all instances' sockets, via the adapter).
 */
export function startTicker(options: {
  store: QueueStore;
  settings: SettingsLoader;
  notifier: Notifier;
  metrics: QueueMetrics;
  config: QueueServiceConfig;
  logger: Logger;
}): { stop: () => Promise<void> } {
  const { store, settings, notifier, metrics, config, logger } = options;
  const lastBroadcast = new Map<string, { fingerprint: string; phase: string; at: number }>();
  let lastPrune = 0;

  const advanceFailed = throttledWarning(logger, "advancing a queue failed");
  // Unread, the booking path gives no signal: the pace then climbs slowly, as when idle.
  const latencyUnread = throttledWarning(logger, "reading the booking latency failed");

  /**
   * Only the instance that advanced the queue in this tick steps its pace, so the steps of
   * several instances never interleave. With the controller off, a pace left by an earlier
   * run is lifted, so admission is at the organizer's rate again.
   */
  const stepPace = async (
    performanceId: string,
    progress: QueueProgress,
    bookingP95Ms: number | undefined,
    now: number,
  ): Promise<void> => {
    const state = await store.paceState(performanceId);
    if (config.paceTargetMs <= 0) {
      if (state.pace !== undefined) {
        await store.setPaceState(performanceId, { pace: undefined, steppedAt: 0, cutAt: 0 });
      }
      return;
    }
    const next = nextPace(state, {
      ceiling: progress.admitRatePerSec,
      bookingP95Ms,
      targetMs: config.paceTargetMs,
      open: progress.phase === "open",
      now,
    });
    if (next !== state) await store.setPaceState(performanceId, next);
  };

  const advanceQueue = async (
    performanceId: string,
    bookingP95Ms: number | undefined,
  ): Promise<void> => {
    const outcome = await store.advance({
      performanceId,
      minIntervalMs: Math.floor(config.tickMs * 0.8),
      maxAdmissions: config.maxAdmissionsPerTick,
    });
    if (outcome.status === "skipped") return;
    const { progress, admitted, claimBy } = outcome;
    if (admitted.length > 0 && claimBy !== undefined) {
      metrics.admissions.inc(admitted.length);
      notifier.admitted(performanceId, admitted, claimBy);
    }
    const fingerprint = progressFingerprint(progress);
    const previous = lastBroadcast.get(performanceId);
    const sinceLast = previous ? progress.at - previous.at : Number.POSITIVE_INFINITY;
    // Every broadcast costs one frame per waiter: during a crowd, once per interval is
    // plenty for a position that clients derive themselves. A change of phase (opened,
    // paused by a moved opening, closed, reopened) goes out at once.
    const due =
      previous === undefined ||
      outcome.opened ||
      previous.phase !== progress.phase ||
      sinceLast >= config.progressKeepaliveMs ||
      (previous.fingerprint !== fingerprint && sinceLast >= config.progressIntervalMs);
    if (due) {
      lastBroadcast.set(performanceId, { fingerprint, phase: progress.phase, at: progress.at });
      const stopTimer = metrics.broadcastDuration.startTimer();
      await notifier.progress(progress);
      stopTimer();
    }
    settings.refreshIfStale(performanceId, outcome.settingsLoadedAt);
    if (progress.waiting + progress.preQueued + progress.active > 0) {
      await store.touchIndex(performanceId);
    }
    await stepPace(performanceId, progress, bookingP95Ms, Date.now());
  };

  const tick = async (): Promise<void> => {
    const stopTimer = metrics.tickDuration.startTimer();
    const now = Date.now();
    const queues = await store.listQueues(now - config.idleQueueRetentionMs);
    // One read for every queue: the booking path is the web app's, shared by every sale.
    const bookingP95Ms =
      config.paceTargetMs > 0 && queues.length > 0
        ? await readBookingLatency({ redis: store.redis, keyPrefix: config.keyPrefix }).catch(
            (error: unknown) => {
              latencyUnread(error);
              return undefined;
            },
          )
        : undefined;
    await Promise.all(
      queues.map((performanceId) => advanceQueue(performanceId, bookingP95Ms).catch(advanceFailed)),
    );
    if (now - lastPrune > 60_000) {
      lastPrune = now;
      await store.pruneIndex(now - config.idleQueueRetentionMs);
      for (const performanceId of lastBroadcast.keys()) {
        if (!queues.includes(performanceId)) lastBroadcast.delete(performanceId);
      }
    }
    stopTimer();
  };

  return repeat(config.tickMs, tick, throttledWarning(logger, "queue tick failed"));
}
