import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../env";
import { createRedis } from "../redis";
import { deleteKeysMatching } from "./delete-keys";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "delete-keys-test" });

afterAll(async () => {
  await redis.quit();
});

describe("deleteKeysMatching", () => {
  it("deletes the keys of every pattern, across many SCAN pages, and nothing else", async () => {
    const run = `test-delete-keys-${randomUUID()}`;
    const doomed = Array.from({ length: 2_500 }, (_, index) => `${run}:a:${index}`);
    // Key by key: on a Redis Cluster (npm run test:cluster) the keys lie in many slots.
    await Promise.all(doomed.map((key) => redis.set(key, "1")));
    await redis.set(`${run}:{tag}:b`, "1");
    await redis.set(`${run}:kept`, "1");

    await deleteKeysMatching(redis, [`${run}:a:*`, `${run}:{tag}*`]);

    const left = await Promise.all(doomed.map((key) => redis.exists(key)));
    expect(left.filter((exists) => exists === 1)).toHaveLength(0);
    expect(await redis.exists(`${run}:{tag}:b`)).toBe(0);
    expect(await redis.get(`${run}:kept`)).toBe("1");
    await redis.del(`${run}:kept`);
  });
});
