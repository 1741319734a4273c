import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import { createRedis, masterNodes, parseRedisUrl } from "../src/redis";
import { parseHoldKey } from "../src/seats";
import { expireSoon, listenTo, oneHoldKeyPerMaster, until } from "./support/expiring-keys";

// Runs on the single Redis in `npm test` and on the Redis Cluster in `npm run test:cluster`,
// where each master announces only its own keys.
const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "expired-keys-test" });
const keyPrefix = `expired-keys-test-${randomUUID()}:`;

afterAll(async () => {
  await redis.quit();
});

describe("listenForExpiredKeys", () => {
  it("hears a hold key expiring on every master", async () => {
    const masters = await masterNodes(redis);
    expect(masters).toHaveLength(parseRedisUrl(REDIS_URL).kind === "cluster" ? 3 : 1);
    const keys = await oneHoldKeyPerMaster(redis, keyPrefix);
    const { heard, listener } = listenTo(REDIS_URL, keyPrefix);
    try {
      await listener.ready;
      await expireSoon(redis, keys.values());
      await until(() => heard.length >= keys.size, "every expiry");
      expect(heard.sort()).toEqual([...keys.values()].sort());
      // What the worker reads back from each of them.
      for (const key of heard) expect(parseHoldKey(keyPrefix, key)).not.toBeNull();
    } finally {
      await listener.stop();
    }
  });

  it("hears nothing more once stopped", async () => {
    const keys = await oneHoldKeyPerMaster(redis, keyPrefix);
    const { heardAny, listener } = listenTo(REDIS_URL, keyPrefix);
    await listener.ready;
    await listener.stop();
    await expireSoon(redis, keys.values());
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const key of keys.values()) expect(await redis.exists(key)).toBe(0);
    expect(heardAny).toEqual([]);
  });
});
