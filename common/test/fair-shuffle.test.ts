import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { shuffleVectors } from "@ticketping/verify";
import { envFields, parseEnv } from "../src/env";
import type { QueueSettings } from "../src/queue";
import { QueueStore } from "../src/queue/store";
import { createRedis } from "../src/redis";
import { deleteKeysMatching } from "../src/testing";

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "fair-shuffle-test" });
const keyPrefix = `test:fair-shuffle:${randomUUID()}:`;
const store = new QueueStore({ redis, keyPrefix });

afterEach(async () => {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
});

afterAll(async () => {
  await redis.quit();
});

/** A published sale that opened a second ago and admits nobody, so the line stays whole. */
function openedSale(shuffleSeed: string): QueueSettings {
  const now = Date.now();
  return {
    known: true,
    saleStatus: "PUBLISHED",
    opensAt: now - 1_000,
    closesAt: now + 3_600_000,
    maxActive: 0,
    admitRate: 0,
    tokenTtlMs: 600_000,
    refuseRatio: 0,
    unsoldSeats: 100,
    claimWindowMs: 30_000,
    graceMs: 30_000,
    preQueueLeadMs: 3_600_000,
    loadedAt: now,
    shuffleSeed,
  };
}

/** Puts entrants into the pre-queue in this join order, then lets one tick open the sale. */
async function openWith(shuffleSeed: string, entrants: readonly string[]) {
  const performanceId = randomUUID();
  const keys = store.keys(performanceId);
  await store.putSettings(performanceId, openedSale(shuffleSeed), 60_000);
  if (entrants.length > 0) {
    await redis.zadd(keys.pre, ...entrants.flatMap((user, index) => [index + 1, user]));
  }
  const outcome = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
  return { performanceId, keys, outcome };
}

describe("the pre-queue shuffle in Redis", () => {
  it.each(shuffleVectors.map((vector) => [vector.name, vector] as const))(
    "reproduces the shared vector with %s",
    async (_name, vector) => {
      const { performanceId, keys, outcome } = await openWith(vector.seed, vector.entrants);
      expect(outcome).toMatchObject({ status: "advanced", opened: true });
      expect(await store.shuffleRecord(performanceId)).toEqual({
        openedAt: expect.any(Number) as number,
        entrants: vector.entrants,
        lineOrder: vector.lineOrder,
      });
      // The record is the line itself: the scripts admit in exactly this order.
      expect(await redis.zrange(keys.waiting, 0, -1)).toEqual(vector.lineOrder);
    },
  );

  it("does not open a sale whose settings carry no committed seed", async () => {
    const { performanceId, keys, outcome } = await openWith("", ["a", "b", "c"]);
    expect(outcome).toMatchObject({ status: "advanced", opened: false });
    expect(await store.shuffleRecord(performanceId)).toBeNull();
    expect(await redis.zrange(keys.pre, 0, -1)).toEqual(["a", "b", "c"]);
  });
});
