import type { Redis } from "../redis";

/**
 * Deletes every key matching any of the glob patterns, with SCAN rather than KEYS and
 * UNLINK rather than DEL (the keys are gone at once, their memory is freed in the
 * background), so cleaning up after a test or a load test never blocks a Redis that
 * others share.
 */
export async function deleteKeysMatching(redis: Redis, patterns: string[]): Promise<void> {
  for (const pattern of patterns) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== "0");
  }
}
