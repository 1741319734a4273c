import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import { defineHoldCommands, readSeatMap } from "../src/seats";
import { consumeRateLimit, defineRateLimitCommand } from "../src/rate-limit";
import { defineQueueScripts } from "../src/queue/store";
import { createRedis } from "../src/redis";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({
  url: REDIS_URL,
  connectionName: "auto-pipelining-test",
  autoPipelining: { defineCommands: [defineHoldCommands, defineRateLimitCommand] },
});

afterAll(async () => {
  await redis.quit();
});

it("runs Lua commands first used in the same tick as other commands, and after Redis lost them", async () => {
  await redis.ping();
  const rule = { name: `test-${randomUUID()}`, limit: 5, windowMs: 60_000 };
  const firstUse = () => [
    // A plain command opens this tick's pipeline before the scripts' first calls join it.
    redis.get(`test-${randomUUID()}`),
    consumeRateLimit(redis, rule, "1.2.3.4"),
    readSeatMap(redis, { keyPrefix: "", scheduleId: randomUUID() }),
  ];
  expect(await Promise.all(firstUse())).toEqual([
    null,
    { allowed: true, remaining: 4, retryAfterMs: 0 },
    { kind: "missing" },
  ]);
  await redis.script("FLUSH");
  expect((await Promise.all(firstUse()))[1]).toMatchObject({ allowed: true, remaining: 3 });
});

it("refuses Lua commands not defined up front", () => {
  expect(() => {
    defineQueueScripts(redis);
  }).toThrow(/must be defined when its auto-pipelining connection is created/);
});
