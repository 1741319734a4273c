import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import { consumeRateLimit } from "../src/rate-limit";
import { createRedis } from "../src/redis";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "rate-limit-test" });

afterAll(async () => {
  await redis.quit();
});

describe("sliding-window rate limit in Redis", () => {
  it("allows exactly the limit under a concurrent burst, then tells when to retry", async () => {
    const rule = { name: `test-${randomUUID()}`, limit: 10, windowMs: 60_000 };
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => consumeRateLimit(redis, rule, "1.2.3.4", now)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    const denied = results.find((result) => !result.allowed);
    expect(denied?.retryAfterMs).toBeGreaterThan(0);
    expect(denied?.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another subject has its own budget.
    expect((await consumeRateLimit(redis, rule, "5.6.7.8", now)).allowed).toBe(true);
  });

  it("weights the previous window, so a burst at a window edge cannot double the rate", async () => {
    const rule = { name: `test-${randomUUID()}`, limit: 10, windowMs: 1_000 };
    const windowStart = Math.ceil(Date.now() / 1_000) * 1_000;
    for (let i = 0; i < 10; i++) {
      expect((await consumeRateLimit(redis, rule, "s", windowStart - 1)).allowed).toBe(true);
    }
    // Just after the edge the previous window still weighs ~100%.
    expect((await consumeRateLimit(redis, rule, "s", windowStart + 10)).allowed).toBe(false);
    // Half-way through, about half of the budget is back.
    const halfway = await Promise.all(
      Array.from({ length: 10 }, () => consumeRateLimit(redis, rule, "s", windowStart + 500)),
    );
    expect(halfway.filter((result) => result.allowed)).toHaveLength(5);
  });
});
