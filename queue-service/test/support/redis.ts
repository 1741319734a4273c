import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function connectRedis(name = "queue-test"): Redis {
  return new Redis(REDIS_URL, { connectionName: name, maxRetriesPerRequest: 2 });
}

/** Each test gets a key namespace of its own, so runs and tests never meet. */
export function uniqueKeyPrefix(label: string): string {
  return `test:${label}:${randomUUID().slice(0, 8)}:`;
}

export async function deleteKeys(redis: Redis, keyPrefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1_000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}

/** Turns expiry notifications off for a test, and back to what they were afterwards. */
export async function withoutKeyspaceNotifications<T>(
  redis: Redis,
  run: () => Promise<T>,
): Promise<T> {
  const reply = (await redis.config("GET", "notify-keyspace-events")) as string[];
  const previous = reply[1] ?? "";
  await redis.config("SET", "notify-keyspace-events", "");
  try {
    return await run();
  } finally {
    await redis.config("SET", "notify-keyspace-events", previous);
  }
}
