import type { Redis } from "../redis";

/**
 * Deletes every key matching any of the glob patterns, with SCAN rather than KEYS, so a
 * test cleaning up after itself never blocks a Redis that others share.
 */
export async function deleteKeysMatching(redis: Redis, patterns: string[]): Promise<void> {
  for (const pattern of patterns) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  }
}
