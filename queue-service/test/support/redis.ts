import { randomUUID } from "node:crypto";
import {
  createRedis,
  listenForExpiredKeys,
  masterNodes,
  type ExpiredKeySource,
  type RedisClient,
} from "@ticketping/common/redis";
import { deleteKeysMatching } from "@ticketping/common/testing";

/** One Redis, or a Redis Cluster's nodes (`npm run test:cluster` runs the suite on one). */
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function connectRedis(name = "queue-test"): RedisClient {
  return createRedis({
    url: REDIS_URL,
    connectionName: name,
    whileDisconnected: "wait",
    options: { maxRetriesPerRequest: 2 },
  });
}

/** Expired keys of the test Redis, as the service's main.ts hears them. */
export function expiredKeysOfTestRedis(name: string): ExpiredKeySource {
  return (onExpired) => listenForExpiredKeys({ url: REDIS_URL, connectionName: name, onExpired });
}

/** Each test gets a key namespace of its own, so runs and tests never meet. */
export function uniqueKeyPrefix(label: string): string {
  return `test:${label}:${randomUUID().slice(0, 8)}:`;
}

export async function deleteKeys(redis: RedisClient, keyPrefix: string): Promise<void> {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
}

/** Turns expiry notifications off for a test (on every master), and back afterwards. */
export async function withoutKeyspaceNotifications<T>(
  redis: RedisClient,
  run: () => Promise<T>,
): Promise<T> {
  const nodes = await masterNodes(redis);
  const previous = await Promise.all(
    nodes.map(async (node) => {
      const reply = (await node.config("GET", "notify-keyspace-events")) as string[];
      return reply[1] ?? "";
    }),
  );
  await Promise.all(nodes.map((node) => node.config("SET", "notify-keyspace-events", "")));
  try {
    return await run();
  } finally {
    await Promise.all(
      nodes.map((node, index) =>
        node.config("SET", "notify-keyspace-events", previous[index] ?? ""),
      ),
    );
  }
}
