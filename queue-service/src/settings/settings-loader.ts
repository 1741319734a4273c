import type { Logger } from "@ticketping/common/logger";
import type { QueueStore } from "@ticketping/common/queue/store";
import { nextPace } from "../admission/next-pace";
import type { QueueServiceConfig } from "../config";
import { QueueRequestError } from "../realtime/queue-request-error";
import { resolveQueueSettings } from "./resolve-queue-settings";
import type { LoadSaleFacts } from "./sale-facts";

/** An id nobody knows is cached briefly, so bogus ids cannot hammer the database. */
const UNKNOWN_PERFORMANCE_TTL_MS = 10_000;

export interface SettingsLoader {
  /** Loads a queue's settings into Redis; concurrent calls for one queue share one load. */
  ensure: (performanceId: string) => Promise<void>;
  /** Reloads in the background when the cached copy is older than the refresh interval. */
  refreshIfStale: (performanceId: string, loadedAt: number) => void;
}

/**
 * Settings live in PostgreSQL (the organizer edits them there); the scripts read a copy in
 * Redis. The instance that ticks a queue refreshes the copy every few seconds, which makes
 * the organizer's changes live without a restart.
 */
export function createSettingsLoader(options: {
  writer: QueueStore;
  loadSaleFacts: LoadSaleFacts;
  config: QueueServiceConfig;
  logger: Logger;
}): SettingsLoader {
  const { writer, loadSaleFacts, config, logger } = options;
  const inFlight = new Map<string, Promise<void>>();
  const knownTtlMs = Math.max(60_000, config.settingsRefreshMs * 30);

  const load = async (performanceId: string): Promise<void> => {
    let facts;
    try {
      facts = await loadSaleFacts(performanceId);
    } catch (error) {
      throw new QueueRequestError("SERVICE_UNAVAILABLE", "loading queue settings failed", error);
    }
    const settings = resolveQueueSettings(facts, config, Date.now());
    // Settings and slow start in one script: without a pace the bucket starts full at the
    // organizer's rate, and a crowd arriving at an open sale got a second of it at once
    // (60-odd buyers in the 5,000-buyer load test) before the first tick set the slow start.
    const startPace =
      settings.known && config.paceTargetMs > 0
        ? nextPace(
            { pace: undefined, steppedAt: 0, cutAt: 0 },
            {
              ceiling: settings.admitRate,
              bookingP95Ms: undefined,
              targetMs: config.paceTargetMs,
              open: false,
              now: Date.now(),
            },
          )
        : undefined;
    await writer.putSettings(
      performanceId,
      settings,
      settings.known ? knownTtlMs : UNKNOWN_PERFORMANCE_TTL_MS,
      startPace,
    );
  };

  const ensure = (performanceId: string): Promise<void> => {
    let pending = inFlight.get(performanceId);
    if (!pending) {
      pending = load(performanceId).finally(() => inFlight.delete(performanceId));
      inFlight.set(performanceId, pending);
    }
    return pending;
  };

  return {
    ensure,
    refreshIfStale: (performanceId, loadedAt) => {
      if (Date.now() - loadedAt < config.settingsRefreshMs) return;
      ensure(performanceId).catch((error: unknown) => {
        logger.warn({ err: error, performanceId }, "refreshing queue settings failed");
      });
    },
  };
}
