import "server-only";
import { queueKeys } from "@ticketping/common/queue";
import { env } from "@/env";
import { logger } from "../logger";
import { getRedis } from "../redis";

export interface QueueStats {
  /** False when the queue has no live settings in Redis: never used, or idle a while. */
  live: boolean;
  /** Buyers in line after the sale opened. */
  waiting: number;
  /** Buyers who joined before the opening, waiting for their shuffled places. */
  preQueued: number;
  /** Buyers holding a working slot: picking seats or paying. */
  active: number;
  /** The queue's own smoothed admission rate (about the last 10 s), per minute. */
  admittedPerMinute: number;
  /** Admissions since the queue began. */
  admittedTotal: number;
}

/** A dashboard poll must not hang on a sick Redis: it reports "unavailable" instead. */
const READ_TIMEOUT_MS = 1_000;

interface QueueSnapshot {
  live: boolean;
  waiting: number;
  preQueued: number;
  active: number;
  admittedTotal: number;
  throughputPerSec: number;
}

/**
 * The same figures the queue's stats script reports (see common/src/queue/lua/stats.lua),
 * read with plain commands in one MULTI: the keys share a hash tag, so this is one
 * consistent snapshot. Plain reads keep the queue's Lua loader, whose file reads make
 * Next.js trace the whole repository into the server bundle, out of the web app.
 */
async function readSnapshot(performanceId: string): Promise<QueueSnapshot> {
  const keys = queueKeys(env.QUEUE_KEY_PREFIX, performanceId);
  const replies = await getRedis()
    .multi()
    .exists(keys.config)
    .zcard(keys.waiting)
    .zcard(keys.pre)
    .zcard(keys.active)
    .hmget(keys.state, "admittedTotal", "throughput")
    .exec();
  if (!replies) throw new Error("queue stats transaction was discarded");
  for (const [error] of replies) if (error) throw error;
  const value = (index: number) => replies[index]?.[1];
  const [admittedTotal, throughput] = (value(4) as (string | null)[] | undefined) ?? [];
  return {
    live: value(0) === 1,
    waiting: Number(value(1) ?? 0),
    preQueued: Number(value(2) ?? 0),
    active: Number(value(3) ?? 0),
    admittedTotal: Number(admittedTotal ?? 0),
    throughputPerSec: Number(throughput ?? 0),
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
    const snapshot = await Promise.race([
      readSnapshot(performanceId),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`queue stats took over ${READ_TIMEOUT_MS} ms`));
        }, READ_TIMEOUT_MS);
      }),
    ]);
    return {
      live: snapshot.live,
      waiting: snapshot.waiting,
      preQueued: snapshot.preQueued,
      active: snapshot.active,
      admittedPerMinute: snapshot.throughputPerSec * 60,
      admittedTotal: snapshot.admittedTotal,
    };
  } catch (error) {
    logger.warn({ err: error, performanceId }, "waiting-room stats unavailable");
    return null;
  } finally {
    clearTimeout(timer);
  }
}
