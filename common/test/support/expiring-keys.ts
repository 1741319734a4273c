import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import {
  Cluster,
  listenForExpiredKeys,
  masterNodes,
  type Redis,
  type RedisClient,
} from "../../src/redis";
import { scheduleKeys } from "../../src/seats";

export const nodeAddress = (node: Redis) => `${node.options.host ?? ""}:${node.options.port ?? ""}`;

/** The master that holds `key`: the one serving its slot. */
async function masterOf(redis: RedisClient, key: string): Promise<string> {
  if (!(redis instanceof Cluster)) return nodeAddress(redis);
  const slot = await redis.cluster("KEYSLOT", key);
  const owner = redis.slots[slot]?.[0];
  if (owner === undefined) throw new Error(`no master serves slot ${slot}`);
  return owner;
}

/**
 * A hold key of a new schedule and reservation on each master, by master address (the
 * schedule's hash tag picks the slot).
 */
export async function oneHoldKeyPerMaster(
  redis: RedisClient,
  keyPrefix: string,
): Promise<Map<string, string>> {
  const masters = (await masterNodes(redis)).map(nodeAddress);
  const keys = new Map<string, string>();
  for (let attempt = 0; keys.size < masters.length && attempt < 500; attempt++) {
    const key = scheduleKeys(keyPrefix, randomUUID()).hold(randomUUID());
    const master = await masterOf(redis, key);
    if (!keys.has(master)) keys.set(master, key);
  }
  expect([...keys.keys()].sort()).toEqual(masters.sort());
  return keys;
}

/**
 * listenForExpiredKeys, collecting what it hears: `heard` the keys under `keyPrefix` (other
 * suites' keys expire on the same Redis meanwhile), `heardAny` every key.
 */
export function listenTo(
  url: string,
  keyPrefix: string,
  options: { topologyRefreshMs?: number } = {},
) {
  const heard: string[] = [];
  const heardAny: string[] = [];
  const listener = listenForExpiredKeys({
    url,
    connectionName: "expired-keys-test",
    onExpired: (key) => {
      heardAny.push(key);
      if (key.startsWith(keyPrefix)) heard.push(key);
    },
    ...options,
  });
  return { heard, heardAny, listener };
}

export async function expireSoon(redis: RedisClient, keys: Iterable<string>): Promise<void> {
  await Promise.all([...keys].map((key) => redis.set(key, "buyer", "PX", 100)));
}

export async function until(
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
