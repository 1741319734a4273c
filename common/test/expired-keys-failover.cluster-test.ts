import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import { Cluster, createRedis, masterNodes } from "../src/redis";
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
    const { heard, listener } = listenTo(REDIS_URL, keyPrefix, { topologyRefreshMs: 500 });
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
      // Other suites' keys expire on the same cluster: count this test's own only.
      const heardHere = () => heard.filter((key) => key.startsWith(keyPrefix));
      await until(() => heardHere().length >= keys.size, "every expiry after the failover");
      expect(heardHere().sort()).toEqual([...keys.values()].sort());
    } finally {
      await listener.stop();
    }
  });
});

/**
 * CLUSTER FAILOVER on one replica (a graceful, manual failover); answers its address.
 * Through a connection of its own: the cluster client's pooled node connections are closed
 * and reopened whenever a slots refresh catches the topology mid-change ("Connection is
 * closed", seen in CI).
 */
async function promoteAReplica(cluster: Cluster): Promise<string> {
  const replicaAddress = await anyReplicaAddress(cluster);
  const [host, port] = replicaAddress.split(":");
  const replica = createRedis({
    url: `redis://${host ?? ""}:${port ?? ""}`,
    connectionName: "expired-keys-failover-test-replica",
  });
  try {
    await replica.cluster("FAILOVER");
    await until(
      async () => (await replica.role())[0] === "master",
      "the replica to become a master",
      15_000,
    );
  } finally {
    await replica.quit();
  }
  return replicaAddress;
}

/** A replica's address, from CLUSTER REPLICAS of the first master that has one. */
async function anyReplicaAddress(cluster: Cluster): Promise<string> {
  let address: string | undefined;
  await until(
    async () => {
      const masters = await masterNodes(cluster);
      for (const master of masters) {
        const nodeId = await master.cluster("MYID");
        const replicas = (await master.cluster("REPLICAS", nodeId)) as string[];
        // "<id> <ip>:<port>@<bus port> slave <master id> ..." per replica
        const connected = replicas.find((line) => line.includes(" connected"));
        address = connected?.split(" ")[1]?.split("@")[0];
        if (address) return true;
      }
      return false;
    },
    "a master with a connected replica",
    15_000,
  );
  if (!address) throw new Error("the cluster has no replica");
  return address;
}
