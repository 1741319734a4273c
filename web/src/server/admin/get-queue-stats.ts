import "server-only";
import { logger } from "../logger";
import { queueStore } from "../queue/queue-store";
import type { QueueStats } from "./answers";

/** A dashboard poll must not hang on a sick Redis: it reports "unavailable" instead. */
const READ_TIMEOUT_MS = 1_000;

/** The queue's own stats script: one consistent snapshot of the line. */
async function readStats(performanceId: string): Promise<QueueStats> {
  const { progress, admissionPacePerSec } = await queueStore().stats(performanceId);
  return {
    live: progress !== undefined,
    waiting: progress?.waiting ?? 0,
    // Both pre-queues: the opening's, and the general sale's after a presale.
    preQueued: (progress?.preQueued ?? 0) + (progress?.generalPreQueued ?? 0),
    active: progress?.active ?? 0,
    admittedPerMinute: (progress?.throughputPerSec ?? 0) * 60,
    admittedTotal: progress?.admittedTotal ?? 0,
    admissionPacePerMinute: (admissionPacePerSec ?? 0) * 60,
  };
}

/**
 * The waiting room's live figures for one performance, or null when they cannot be read:
 * the organizer page then says so rather than showing made-up numbers.
 */
export async function getQueueStats({
  performanceId,
}: {
  performanceId: string;
}): Promise<QueueStats | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      readStats(performanceId),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`queue stats took over ${READ_TIMEOUT_MS} ms`));
        }, READ_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    logger.warn({ err: error, performanceId }, "waiting-room stats unavailable");
    return null;
  } finally {
    clearTimeout(timer);
  }
}
