import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import type { QueueSettings } from "../src/queue";
import { QueueStore } from "../src/queue/store";
import { createRedis } from "../src/redis";
import { deleteKeysMatching } from "../src/testing";

// The record a queue keeps for its sale's fairness report (includes/queue.lua,
// appendRecord), written by the real scripts in a real Redis.

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "sale-record-test" });
const keyPrefix = `test:sale-record:${randomUUID()}:`;
const store = new QueueStore({ redis, keyPrefix });
const seed = "069fe10e83c0b1cccddf18aa867d33a413c1774ccac1a8356688fe5fbd0c7aff";

afterEach(async () => {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
});

afterAll(async () => {
  await redis.quit();
});

function sale(overrides: Partial<QueueSettings>): QueueSettings {
  const now = Date.now();
  return {
    known: true,
    saleStatus: "PUBLISHED",
    opensAt: now - 1_000,
    closesAt: now + 3_600_000,
    maxActive: 3,
    admitRate: 1_000,
    tokenTtlMs: 600_000,
    refuseRatio: 0,
    unsoldSeats: 100,
    claimWindowMs: 30_000,
    graceMs: 30_000,
    preQueueLeadMs: 3_600_000,
    loadedAt: now,
    shuffleSeed: seed,
    ...overrides,
  };
}

const join = (performanceId: string, userId: string) =>
  store.join({ performanceId, userId, newConnection: true });

describe("the sale's record in Redis", () => {
  it("marks the opening and each new second of joins, and every admission in order", async () => {
    const performanceId = randomUUID();
    // Room for the settings and two pre-queue joins on a loaded machine.
    const opensAt = Date.now() + 2_000;
    await store.putSettings(performanceId, sale({ opensAt, maxActive: 0 }), 60_000);
    for (const user of ["p1", "p2"]) {
      expect(await join(performanceId, user)).toMatchObject({ status: "pre" });
    }
    await sleep(opensAt - Date.now() + 20);
    // The first join after opensAt opens the sale: the pre-queue takes sequence numbers 1-2.
    expect(await join(performanceId, "l1")).toMatchObject({ status: "waiting", seq: 3 });
    expect(await join(performanceId, "l2")).toMatchObject({ status: "waiting", seq: 4 });
    await sleep(1_050);
    expect(await join(performanceId, "l3")).toMatchObject({ status: "waiting", seq: 5 });

    // Room for three: the head of the line is admitted, in order.
    await store.putSettings(performanceId, sale({ opensAt, maxActive: 3 }), 60_000);
    const advanced = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    expect(advanced).toMatchObject({ status: "advanced" });

    const record = await store.saleRecord(performanceId);
    const joins = record.entries.filter((entry) => entry.kind === "join");
    const admissions = record.entries.filter((entry) => entry.kind === "admission");
    // The opening's mark starts the shuffled buyers' wait; l3, a second after the others,
    // gets a mark of its own. Marks come in sequence order.
    expect(joins[0]).toMatchObject({ seq: 1, at: record.openedAt });
    const seqs = joins.map((mark) => mark.seq);
    expect(seqs).toContain(5);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(admissions.map((admission) => admission.seq)).toEqual([1, 2, 3]);
    expect(record.counters).toMatchObject({ joins: 5, shuffled: 2, admitted: 3, activeMax: 3 });
    expect(record.openedAt).toBeGreaterThanOrEqual(opensAt);
  });

  it("keeps the working set's maximum, never lowered as buyers leave", async () => {
    const performanceId = randomUUID();
    await store.putSettings(performanceId, sale({ maxActive: 2 }), 60_000);
    for (const user of ["a", "b", "c"]) await join(performanceId, user);
    await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    await store.leave({ performanceId, userId: "a" });
    await store.leave({ performanceId, userId: "b" });
    await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    const { counters } = await store.saleRecord(performanceId);
    expect(counters).toMatchObject({ admitted: 3, activeMax: 2 });
  });

  it("stops growing at its limit and counts what it left out", async () => {
    const performanceId = randomUUID();
    const { record } = store.keys(performanceId);
    const filler = Array.from({ length: 10_000 }, () => "j:0:0");
    const pipeline = redis.pipeline();
    for (let i = 0; i < 50; i += 1) pipeline.rpush(record, ...filler);
    await pipeline.exec();
    await store.putSettings(performanceId, sale({ maxActive: 5 }), 60_000);
    for (const user of ["a", "b"]) await join(performanceId, user);
    await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    expect(await redis.llen(record)).toBe(500_000);
    const { counters } = await store.saleRecord(performanceId);
    // a's admission (straight in) and b's, a's join mark; b joined in the same second.
    expect(counters.recordDropped).toBeGreaterThanOrEqual(3);
  });
});
