import type { Redis } from "ioredis";
import { QueueStore } from "./queue-store";

/** Figures of one queue for the organizer dashboard. */
export async function readQueueStats(options: {
  redis: Redis;
  keyPrefix: string;
  performanceId: string;
}): ReturnType<QueueStore["stats"]> {
  return new QueueStore({ redis: options.redis, keyPrefix: options.keyPrefix }).stats(
    options.performanceId,
  );
}
