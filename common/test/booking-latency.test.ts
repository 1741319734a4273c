import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import { LatencyWindow } from "../src/queue";
import {
  BOOKING_LATENCY_MAX_AGE_MS,
  bookingLatencyKey,
  publishBookingLatency,
  readBookingLatency,
  startLatencyPublisher,
} from "../src/queue/store";
import { createRedis } from "../src/redis";
import { deleteKeysMatching } from "../src/testing";

// The pace controller's signal: web processes publish their booking p95, the queue service
// reads the slowest fresh one, through a real Redis.

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "booking-latency-test" });
const keyPrefix = `test:booking-latency:${randomUUID()}:`;

afterEach(async () => {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
});

afterAll(async () => {
  await redis.quit();
});

describe("the booking latency in Redis", () => {
  it("is what a process's publisher measured, read back by the reader", async () => {
    const window = new LatencyWindow();
    for (let i = 0; i < 19; i++) window.record(120);
    window.record(1_800);
    const publisher = startLatencyPublisher({ redis, keyPrefix, window, intervalMs: 60_000 });
    try {
      expect(await readBookingLatency({ redis, keyPrefix })).toBeUndefined();
      await publisher.publishNow();
      expect(await readBookingLatency({ redis, keyPrefix })).toBe(150);
      const stored = await redis.hget(bookingLatencyKey(keyPrefix), publisher.instanceId);
      expect(stored).toMatch(/^150:\d+$/);
      // The key goes when the processes stop refreshing it.
      const ttl = await redis.pttl(bookingLatencyKey(keyPrefix));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(10_000);
    } finally {
      publisher.stop();
    }
  });

  it("says nothing for a process without requests in its window", async () => {
    const publisher = startLatencyPublisher({
      redis,
      keyPrefix,
      window: new LatencyWindow(),
      intervalMs: 60_000,
    });
    try {
      await publisher.publishNow();
      expect(await redis.exists(bookingLatencyKey(keyPrefix))).toBe(0);
    } finally {
      publisher.stop();
    }
  });

  it("is the slowest fresh process's, ignoring a stale one and forgetting a long-gone one", async () => {
    const now = Date.now();
    const publish = (instanceId: string, p95Ms: number, at: number) =>
      publishBookingLatency({ redis, keyPrefix, instanceId, p95Ms, at });
    await publish("fresh-fast", 80, now - 500);
    await publish("fresh-slow", 640, now - 1_000);
    await publish("stale", 5_000, now - BOOKING_LATENCY_MAX_AGE_MS - 1_000);
    await publish("gone", 9_000, now - 120_000);
    await redis.hset(bookingLatencyKey(keyPrefix), "garbled", "fast");
    expect(await readBookingLatency({ redis, keyPrefix, now })).toBe(640);
    // Only fields over a minute old (or unreadable) are deleted: a stale one may return.
    expect(Object.keys(await redis.hgetall(bookingLatencyKey(keyPrefix))).sort()).toEqual([
      "fresh-fast",
      "fresh-slow",
      "stale",
    ]);

    // Every process stale: no signal.
    expect(
      await readBookingLatency({ redis, keyPrefix, now: now + BOOKING_LATENCY_MAX_AGE_MS + 2_000 }),
    ).toBeUndefined();
  });
});
