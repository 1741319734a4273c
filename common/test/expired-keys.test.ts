import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import {
  Cluster,
  createRedis,
  listenForExpiredKeys,
  masterNodes,
  parseRedisUrl,
  type Redis,
} from "../src/redis";
import { parseHoldKey, scheduleKeys } from "../src/seats";

// Runs on the single Redis in `npm test` and on the Redis Cluster in `npm run test:cluster`,
// where each node announces only its own keys.
const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const onCluster = parseRedisUrl(REDIS_URL).kind === "cluster";
const redis = createRedis({ url: REDIS_URL, connectionName: "expired-keys-test" });
const keyPrefix = `expired-keys-test-${randomUUID()}:`;

afterAll(async () => {
  await redis.quit();
});

const address = (node: Redis) => `${node.options.host ?? ""}:${node.options.port ?? ""}`;

/** The master that holds `key`: the one serving its slot. */
async function masterOf(key: string): Promise<string> {
  if (!(redis instanceof Cluster)) return address(redis);
  const slot = (await redis.cluster("KEYSLOT", key)) as number;
  const owner = redis.slots[slot]?.[0];
  if (owner === undefined) throw new Error(`no master serves slot ${slot}`);
  return owner;
}

/** A hold key of a new schedule and reservation on each master (hash tags pick the slot). */
async function oneHoldKeyPerMaster(): Promise<Map<string, string>> {
  const masters = (await masterNodes(redis)).map(address);
  const keys = new Map<string, string>();
  for (let attempt = 0; keys.size < masters.length && attempt < 500; attempt++) {
    const key = scheduleKeys(keyPrefix, randomUUID()).hold(randomUUID());
    const master = await masterOf(key);
    if (!keys.has(master)) keys.set(master, key);
  }
  expect([...keys.keys()].sort()).toEqual(masters.sort());
  return keys;
}

function listen(options: { topologyRefreshMs?: number } = {}) {
  const heard: string[] = [];
  const listener = listenForExpiredKeys({
    url: REDIS_URL,
    connectionName: "expired-keys-test",
    onExpired: (key) => heard.push(key),
    ...options,
  });
  return { heard, listener };
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function expireSoon(keys: Iterable<string>): Promise<void> {
  await Promise.all([...keys].map((key) => redis.set(key, "buyer", "PX", 100)));
}

describe("listenForExpiredKeys", () => {
  it("hears a hold key expiring on every master", async () => {
    if (onCluster) expect(await masterNodes(redis)).toHaveLength(3);
    const keys = await oneHoldKeyPerMaster();
    const { heard, listener } = listen();
    try {
      await listener.ready;
      await expireSoon(keys.values());
      await until(() => heard.length >= keys.size, "every expiry");
      expect(heard.sort()).toEqual([...keys.values()].sort());
      // What the worker reads back from each of them.
      for (const key of heard) expect(parseHoldKey(keyPrefix, key)).not.toBeNull();
    } finally {
      await listener.stop();
    }
  });

  it("hears nothing more once stopped", async () => {
    const [key] = (await oneHoldKeyPerMaster()).values();
    const { heard, listener } = listen();
    await listener.ready;
    await listener.stop();
    await redis.set(key ?? "", "buyer", "PX", 50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await redis.exists(key ?? "")).toBe(0);
    expect(heard).toEqual([]);
  });

  it.runIf(onCluster)(
    "follows a failover: the promoted replica's expiries are heard",
    async () => {
      const cluster = redis as Cluster;
      const { heard, listener } = listen({ topologyRefreshMs: 500 });
      try {
        await listener.ready;
        const promoted = await promoteAReplica(cluster);
        await until(
          () => {
            cluster.refreshSlotsCache();
            return cluster.nodes("master").some((node) => address(node) === promoted);
          },
          "the client to see the new master",
          15_000,
        );
        // The listener looks the masters up every 500 ms here.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const keys = await oneHoldKeyPerMaster();
        expect(keys.has(promoted)).toBe(true);
        await expireSoon(keys.values());
        await until(() => heard.length >= keys.size, "every expiry after the failover");
        expect(heard.sort()).toEqual([...keys.values()].sort());
      } finally {
        await listener.stop();
      }
    },
    40_000,
  );
});

/** CLUSTER FAILOVER on one replica (a graceful, manual failover); answers its address. */
async function promoteAReplica(cluster: Cluster): Promise<string> {
  const [replica] = cluster.nodes("slave");
  if (!replica) throw new Error("the cluster has no replica");
  await replica.cluster("FAILOVER");
  await until(
    async () => (await replica.role())[0] === "master",
    "the replica to become a master",
    15_000,
  );
  return address(replica);
}
