import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import type { QueueSettings } from "../src/queue";
import { QueueStore } from "../src/queue/store";
import { createRedis } from "../src/redis";
import { deleteKeysMatching, saleSettings } from "../src/testing";

// The admission bucket (includes/admission.lua, takeAdmissionTokens) refills at the pace
// controller's pace when one is set, at the organizer's admitRate when not: the real
// scripts in a real Redis.

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "admission-pace-test" });
const keyPrefix = `test:admission-pace:${randomUUID()}:`;
const store = new QueueStore({ redis, keyPrefix });

afterEach(async () => {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
});

afterAll(async () => {
  await redis.quit();
});

/** Open an hour, pacing at 20 a second. */
const sale = (overrides: Partial<QueueSettings> = {}) =>
  saleSettings({ admitRate: 20, ...overrides });

/** A queue with `waiting` buyers in line, and a pace when given. */
async function lineOf(waiting: number, pace?: number): Promise<string> {
  const performanceId = randomUUID();
  // No room while they join, so nobody is admitted straight away and the bucket is untouched.
  await store.putSettings(performanceId, sale({ maxActive: 0 }), 60_000);
  for (let i = 0; i < waiting; i++) {
    await store.join({ performanceId, userId: `buyer-${i}`, newConnection: true });
  }
  await store.putSettings(performanceId, sale(), 60_000);
  if (pace !== undefined) {
    await store.setPaceState(performanceId, { pace, steppedAt: Date.now(), cutAt: 0 });
  }
  return performanceId;
}

async function admitNow(performanceId: string): Promise<number> {
  const outcome = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 1_000 });
  return outcome.status === "advanced" ? outcome.admitted.length : 0;
}

/**
 * The bucket holds at most one second of its rate, so after a full second it is full
 * whatever the machine's load: a count of admissions equal to the rate, exactly.
 */
async function admittedInTwoFullSeconds(performanceId: string): Promise<number[]> {
  const counts = [await admitNow(performanceId)];
  await sleep(1_050);
  counts.push(await admitNow(performanceId));
  return counts;
}

describe("the admission bucket's rate", () => {
  it("is the organizer's admitRate without a pace", async () => {
    const performanceId = await lineOf(60);
    expect(await admittedInTwoFullSeconds(performanceId)).toEqual([20, 20]);
    expect((await store.stats(performanceId)).admissionPacePerSec).toBe(20);
  });

  it("is the pace when one is set below admitRate", async () => {
    const performanceId = await lineOf(60, 3);
    const counts = await admittedInTwoFullSeconds(performanceId);
    expect(counts).toEqual([3, 3]);
    // Nothing more until the bucket refills.
    expect(await admitNow(performanceId)).toBe(0);
    expect((await store.stats(performanceId)).admissionPacePerSec).toBe(3);
    expect(await store.paceState(performanceId)).toMatchObject({ pace: 3 });
  });

  it("is never above admitRate, however high the pace", async () => {
    const performanceId = await lineOf(60, 500);
    expect(await admittedInTwoFullSeconds(performanceId)).toEqual([20, 20]);
    expect((await store.stats(performanceId)).admissionPacePerSec).toBe(20);
  });

  it("is admitRate again once the pace is lifted", async () => {
    const performanceId = await lineOf(60, 2);
    expect(await admitNow(performanceId)).toBe(2);
    await store.setPaceState(performanceId, { pace: undefined, steppedAt: 0, cutAt: 0 });
    expect(await store.paceState(performanceId)).toEqual({
      pace: undefined,
      steppedAt: 0,
      cutAt: 0,
    });
    await sleep(1_050);
    expect(await admitNow(performanceId)).toBe(20);
  });

  it("is a pace started before the first admission, which a second start leaves alone", async () => {
    const performanceId = randomUUID();
    const start = { pace: 4, steppedAt: Date.now(), cutAt: 0 };
    expect(await store.putSettings(performanceId, sale(), 60_000, start)).toBe(true);
    expect(
      await store.putSettings(performanceId, sale(), 60_000, {
        pace: 9,
        steppedAt: Date.now(),
        cutAt: 0,
      }),
    ).toBe(false);
    expect(await store.paceState(performanceId)).toEqual(start);
    const started = Date.now();
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      outcomes.push(
        (await store.join({ performanceId, userId: `first-${i}`, newConnection: true })).status,
      );
    }
    const elapsedSec = (Date.now() - started) / 1_000;
    // The bucket starts full at the pace (and refills at it), not at admitRate's twenty.
    const admitted = outcomes.filter((status) => status === "admitted").length;
    expect(admitted).toBeGreaterThanOrEqual(4);
    expect(admitted).toBeLessThanOrEqual(4 + Math.ceil(elapsedSec * 4) + 1);
  });

  it("paces a join admitted straight away too (join.lua)", async () => {
    const performanceId = randomUUID();
    await store.putSettings(performanceId, sale(), 60_000);
    await store.setPaceState(performanceId, { pace: 2, steppedAt: Date.now(), cutAt: 0 });
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(
        (await store.join({ performanceId, userId: `direct-${i}`, newConnection: true })).status,
      );
    }
    // Two tokens in a full bucket at 2/s; five joins within a second cannot all get one.
    expect(outcomes.filter((status) => status === "admitted").length).toBeGreaterThanOrEqual(2);
    expect(outcomes.filter((status) => status === "admitted").length).toBeLessThanOrEqual(3);
    expect(outcomes.slice(0, 2)).toEqual(["admitted", "admitted"]);
  });
});
