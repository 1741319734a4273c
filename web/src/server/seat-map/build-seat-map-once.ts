import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@ticketping/common/errors";
import {
  isSeatMapCached,
  markScheduleMissing,
  readSeatMapVersion,
  storeSeatMap,
  tryLockSeatMapBuild,
  unlockSeatMapBuild,
} from "@ticketping/common/seats";
import { env } from "@/env";
import { getRedis } from "../redis";
import { loadSeatMap } from "./load-seat-map";

const inFlight = new Map<string, Promise<void>>();

/**
 * Builds a schedule's cached seat map from PostgreSQL, once for all: requests of this
 * process share one promise, and processes share a Redis lock. A caller that did not get
 * the lock returns at once and reads again (the lock holder is building); see getSeatMap.
 */
export function buildSeatMapOnce({ scheduleId }: { scheduleId: string }): Promise<void> {
  let running = inFlight.get(scheduleId);
  if (!running) {
    running = build(scheduleId).finally(() => inFlight.delete(scheduleId));
    inFlight.set(scheduleId, running);
  }
  return running;
}

const LOCK_WAIT_MS = 25;
const MAX_ATTEMPTS = 5;

async function build(scheduleId: string): Promise<void> {
  const redis = getRedis();
  const schedule = { keyPrefix: env.SEAT_KEY_PREFIX, scheduleId };
  const token = randomUUID();
  if (!(await tryLockSeatMapBuild(redis, { ...schedule, token }))) {
    await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
    return;
  }
  try {
    // Another process may have built it between our miss and our lock.
    if (await isSeatMapCached(redis, schedule)) return;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const versionBefore = await readSeatMapVersion(redis, schedule);
      const loaded = await loadSeatMap({ scheduleId });
      if (!loaded) {
        await markScheduleMissing(redis, schedule);
        return;
      }
      const outcome = await storeSeatMap(redis, {
        ...schedule,
        expectedVersion: versionBefore,
        build: randomUUID(),
        layoutJson: JSON.stringify(loaded.layout),
        taken: loaded.taken,
      });
      // "stale": a release or sale landed during the read; read again.
      if (outcome !== "stale") return;
    }
    throw new AppError("SERVICE_UNAVAILABLE", "seat map kept changing while it was built");
  } finally {
    await unlockSeatMapBuild(redis, { ...schedule, token });
  }
}
