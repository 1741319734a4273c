import { masterNodes, type RedisClient } from "../redis";

/**
 * Deletes every key matching any of the glob patterns, with SCAN rather than KEYS and
 * UNLINK rather than DEL (the keys are gone at once, their memory is freed in the
 * background), so cleaning up after a test or a load test never blocks a Redis that
 * others share. On a Redis Cluster every master is scanned (SCAN sees one node's keys),
 * and each key is unlinked on its own: one UNLINK of keys in several slots is refused.
 */
export async function deleteKeysMatching(redis: RedisClient, patterns: string[]): Promise<void> {
  for (const node of await masterNodes(redis)) {
    for (const pattern of patterns) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        cursor = next;
        if (keys.length === 0) continue;
        if (node === redis) await node.unlink(...keys);
        else await Promise.all(keys.map((key) => node.unlink(key)));
      } while (cursor !== "0");
    }
  }
}
