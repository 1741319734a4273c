import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import { Cluster, createRedis } from "../src/redis";
import {
  expireSoon,
  listenTo,
  nodeAddress,
  oneHoldKeyPerMaster,
  until,
} from "./support/expiring-keys";

// Only in `npm run test:cluster` (*.cluster-test.ts): it fails a cluster's master over.
const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "expired-keys-failover-test" });
const keyPrefix = `expired-keys-failover-test-${randomUUID()}:`;

afterAll(async () => {
  await redis.quit();
});

describe("listenForExpiredKeys on a Redis Cluster", () => {
  it("follows a failover: the promoted replica's expiries are heard", async () => {
    if (!(redis instanceof Cluster)) throw new Error("REDIS_URL must list a cluster's nodes");
    const { heard, listener } = listenTo(REDIS_URL, { topologyRefreshMs: 500 });
    try {
      await listener.ready;
      const promoted = await promoteAReplica(redis);
      await until(
        () => {
          redis.refreshSlotsCache();
          return redis.nodes("master").some((node) => nodeAddress(node) === promoted);
        },
        "the test's client to see the new master",
        15_000,
      );
      // The listener looks the masters up every 500 ms here.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const keys = await oneHoldKeyPerMaster(redis, keyPrefix);
      expect(keys.has(promoted)).toBe(true);
      await expireSoon(redis, keys.values());
      await until(() => heard.length >= keys.size, "every expiry after the failover");
      expect(heard.sort()).toEqual([...keys.values()].sort());
    } finally {
      await listener.stop();
    }
  });
});

/** CLUSTER FAILOVER on one replica (a graceful, manual failover); answers its address. */
async function promoteAReplica(cluster: Cluster): Promise<string> {
  // A client just created knows the replicas only once it has read the slots: wait for it.
  await until(
    () => {
      cluster.refreshSlotsCache();
      return cluster.nodes("slave").length > 0;
    },
    "the test's client to know the replicas",
    15_000,
  );
  const [replica] = cluster.nodes("slave");
  if (!replica) throw new Error("the cluster has no replica");
  await replica.cluster("FAILOVER");
  await until(
    async () => (await replica.role())[0] === "master",
    "the replica to become a master",
    15_000,
  );
  return nodeAddress(replica);
}
