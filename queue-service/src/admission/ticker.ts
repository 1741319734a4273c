import type { Logger } from "@ticketping/common/logger";
import type { QueueProgress } from "@ticketping/common/queue";
import { readBookingLatency, type QueueStore } from "@ticketping/common/queue/store";
import type { QueueServiceConfig } from "../config";
import type { QueueMetrics } from "../metrics";
import type { Notifier } from "../realtime/notifier";
import type { SettingsLoader } from "../settings/settings-loader";
import type { BroadcastLog } from "./broadcast-log";
import { nextPace } from "./next-pace";
import { repeat } from "./repeat";
import { throttledWarning } from "./throttled-warning";

/**
 * Every instance ticks every live queue; advance.lua lets only the first caller per tick
 * interval do the work, so exactly one instance advances a queue per tick, and the
 * others take over at once if it dies. The advancing instance pushes the admissions and
 * the progress to every instance's sockets (see createNotifier), at the pace set by the last
 * broadcast of any instance.
 */
export function startTicker(options: {
  store: QueueStore;
  settings: SettingsLoader;
  notifier: Notifier;
  metrics: QueueMetrics;
  config: QueueServiceConfig;
  logger: Logger;
  /** Every instance's last broadcast of each queue (the notifier records those heard). */
  broadcasts: BroadcastLog;
}): { stop: () => Promise<void> } {
  const { store, settings, notifier, metrics, config, logger, broadcasts } = options;
  let lastPrune = 0;
  // The instant each live queue's next round was last listed at by this instance, so the
  // list follows the settings (an organizer's move, however it reached them) at one write
  // per change, not per tick.
  const scheduledRounds = new Map<string, number>();
  const dueRoundsUnread = throttledWarning(logger, "reading the due rounds failed");

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
    const fingerprint = broadcasts.fingerprint(progress);
    const previous = broadcasts.last(performanceId);
    const sinceLast = previous ? progress.at - previous.at : Number.POSITIVE_INFINITY;
    // Every broadcast costs one frame per waiter: during a crowd, once per interval is
    // plenty for a position that clients derive themselves. A change of phase (opened,
    // paused by a moved opening, closed, reopened) goes out at once.
    const phase = broadcasts.phase(progress);
    const due =
      previous === undefined ||
      outcome.opened ||
      outcome.generalOpened ||
      previous.phase !== phase ||
      sinceLast >= config.progressKeepaliveMs ||
      (previous.fingerprint !== fingerprint && sinceLast >= config.progressIntervalMs);
    if (due) {
      broadcasts.record(progress);
      // Timed by the notifier, on every instance that pushes it to its sockets.
      await notifier.progress(progress);
    }
    settings.refreshIfStale(performanceId, outcome.settingsLoadedAt);
    if (progress.waiting + progress.preQueued + progress.generalPreQueued + progress.active > 0) {
      await store.touchIndex(performanceId);
    }
    if (
      progress.generalOpensAt > progress.at &&
      scheduledRounds.get(performanceId) !== progress.generalOpensAt
    ) {
      await store.scheduleRound(performanceId, progress.generalOpensAt);
      scheduledRounds.set(performanceId, progress.generalOpensAt);
    }
    await stepPace(performanceId, progress, bookingP95Ms, Date.now());
  };

  const tick = async (): Promise<void> => {
    const stopTimer = metrics.tickDuration.startTimer();
    const now = Date.now();
    // A round falling due makes its sale live now (and for the retention after), however
    // long nobody touched it: it is ticked from its instant, not in the weeks before.
    await store.takeDueRounds(now).catch(dueRoundsUnread);
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
      broadcasts.keepOnly(queues);
      for (const performanceId of scheduledRounds.keys()) {
        if (!queues.includes(performanceId)) scheduledRounds.delete(performanceId);
      }
    }
    stopTimer();
  };

  return repeat(config.tickMs, tick, throttledWarning(logger, "queue tick failed"));
}
