import type { QueueProgress } from "@ticketping/common/queue";

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
    progress.generalPreQueued,
    progress.generalOpensAt,
    progress.pausedFromSeq,
  ].join("|");
}

/** Both phases a waiter may go by: a code holder's, and a buyer's without one. */
function phasesOf(progress: QueueProgress): string {
  return `${progress.phase}/${progress.generalPhase}`;
}

export interface LastBroadcast {
  fingerprint: string;
  phase: string;
  at: number;
}

/**
 * The last progress broadcast of each queue by any instance: the one advancing a queue
 * changes from tick to tick, so each must know what the others sent, or every instance
 * would broadcast at its own pace and the line would hear news several times as often.
 */
export interface BroadcastLog {
  /** Records a broadcast (sent here or heard from another instance), unless an older one. */
  record: (progress: QueueProgress) => void;
  last: (performanceId: string) => LastBroadcast | undefined;
  fingerprint: (progress: QueueProgress) => string;
  /** The phases a broadcast is compared by (a change goes out at once). */
  phase: (progress: QueueProgress) => string;
  /** Forgets every queue but these (the live ones). */
  keepOnly: (performanceIds: readonly string[]) => void;
}

export function createBroadcastLog(): BroadcastLog {
  const broadcasts = new Map<string, LastBroadcast>();
  return {
    record: (progress) => {
      const previous = broadcasts.get(progress.performanceId);
      if (previous && previous.at > progress.at) return;
      broadcasts.set(progress.performanceId, {
        fingerprint: progressFingerprint(progress),
        phase: phasesOf(progress),
        at: progress.at,
      });
    },
    last: (performanceId) => broadcasts.get(performanceId),
    fingerprint: progressFingerprint,
    phase: phasesOf,
    keepOnly: (performanceIds) => {
      const live = new Set(performanceIds);
      for (const performanceId of broadcasts.keys()) {
        if (!live.has(performanceId)) broadcasts.delete(performanceId);
      }
    },
  };
}
