import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../src/env";
import type { QueueSettings } from "../src/queue";
import { QueueStore, type JoinOutcome, type JoinRequest } from "../src/queue/store";
import { createRedis, type RedisClient } from "../src/redis";
import { deleteKeysMatching, saleSettings } from "../src/testing";

// Joins of one sale travel together in one call of join.lua (QueueStore.joinBatch): run by
// the real script in a real Redis, each buyer must get what joining alone, one after the
// other, would have given them.

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "join-batch-test" });
const keyPrefix = `test:join-batch:${randomUUID()}:`;
const store = new QueueStore({ redis, keyPrefix });
const racers: RedisClient[] = [];

afterEach(async () => {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
});

afterAll(async () => {
  await Promise.all(racers.map((racer) => racer.quit()));
  await redis.quit();
});

/** An open sale that admits nobody unless a test gives it room. */
const openSale = (overrides: Partial<QueueSettings> = {}): QueueSettings =>
  saleSettings({ maxActive: 0, ...overrides });

async function saleWith(settings: QueueSettings): Promise<string> {
  const performanceId = randomUUID();
  await store.putSettings(performanceId, settings, 60_000);
  return performanceId;
}

const buyer = (userId: string, presaleHolder = false): JoinRequest => ({
  userId,
  newConnection: true,
  presaleHolder,
});

/** An outcome without what depends on the clock or the sale's id. */
function comparable(outcome: JoinOutcome | Error): unknown {
  if (outcome instanceof Error) return { error: outcome.message };
  if (outcome.status === "refused") return outcome;
  const without = (fields: object, keys: string[]) =>
    Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)));
  const standing = without(outcome, ["performanceId", "claimBy", "expiresAt"]);
  const progress = without(outcome.progress, [
    "performanceId",
    "at",
    "opensAt",
    "closesAt",
    "generalOpensAt",
  ]);
  return { ...standing, progress };
}

describe("joining in batches", () => {
  it("answers every buyer of a batch as joining alone, one after the other, would", async () => {
    // Two slots: the first two buyers find the line empty and go straight in; a presale is
    // on, so a buyer without a code waits for the general sale in its own pre-queue.
    const settings = openSale({
      maxActive: 2,
      generalOpensAt: Date.now() + 600_000,
      generalShuffleSeed: "1".repeat(64),
    });
    const requests = [
      buyer("a", true),
      buyer("b", true),
      buyer("c", true),
      buyer("nocode"),
      buyer("a", true),
      buyer("d", true),
      buyer("c", true),
      buyer("nocode"),
      { userId: "e", newConnection: false, presaleHolder: true },
    ];
    const batched = await saleWith(settings);
    const oneByOne = await saleWith(settings);

    const together = await store.joinBatch(batched, requests);
    const alone: (JoinOutcome | Error)[] = [];
    for (const request of requests) alone.push(...(await store.joinBatch(oneByOne, [request])));

    expect(together.map(comparable)).toEqual(alone.map(comparable));
    expect(together.map((outcome) => !(outcome instanceof Error) && outcome.status)).toEqual([
      "admitted",
      "admitted",
      "waiting",
      "pre",
      "admitted",
      "waiting",
      "waiting",
      "pre",
      "waiting",
    ]);
    const snapshot = async (performanceId: string) => {
      const keys = store.keys(performanceId);
      return {
        counters: (await store.stats(performanceId)).counters,
        line: await redis.zrange(keys.waiting, 0, -1, "WITHSCORES"),
        active: await redis.zrange(keys.active, 0, -1),
        generalPre: await redis.zrange(keys.generalPre, 0, -1),
        conns: await redis.hgetall(keys.conns),
        seq: await redis.hget(keys.state, "seq"),
      };
    };
    const [batchedState, aloneState] = await Promise.all([snapshot(batched), snapshot(oneByOne)]);
    expect(batchedState).toEqual(aloneState);
    expect(batchedState).toMatchObject({
      line: ["c", "3", "d", "4", "e", "5"],
      active: expect.arrayContaining(["a", "b"]) as unknown,
      generalPre: ["nocode"],
      conns: { a: "2", b: "1", c: "2", d: "1", nocode: "2" },
      seq: "5",
    });
    expect(batchedState.counters).toMatchObject({ joins: 6, admitted: 2 });
  });

  it("keeps a buyer named twice in one batch at their first place", async () => {
    const performanceId = await saleWith(openSale());
    const outcomes = await store.joinBatch(performanceId, [
      buyer("u1"),
      buyer("u2"),
      buyer("u1"),
      { userId: "u1", newConnection: false },
    ]);
    expect(outcomes).toMatchObject([
      { status: "waiting", seq: 1, position: 1, rejoined: false },
      { status: "waiting", seq: 2, position: 2, rejoined: false, progress: { waiting: 2 } },
      { status: "waiting", seq: 1, position: 1, rejoined: true, progress: { waiting: 2 } },
      { status: "waiting", seq: 1, position: 1, rejoined: true },
    ]);
    const keys = store.keys(performanceId);
    expect(await redis.zrange(keys.waiting, 0, -1)).toEqual(["u1", "u2"]);
    expect(await redis.hget(keys.conns, "u1")).toBe("2");
    expect((await store.stats(performanceId)).counters.joins).toBe(2);
  });

  it("answers each buyer their own outcome when some of the batch are refused or fail", async () => {
    const performanceId = await saleWith(
      openSale({ generalOpensAt: Date.now() + 600_000, generalShuffleSeed: "1".repeat(64) }),
    );
    const keys = store.keys(performanceId);
    // A grant key of the wrong type makes this buyer's join fail inside Redis, and theirs
    // alone (the grant is read for a buyer in the working set).
    await redis.set(`${keys.grantPrefix}broken`, "not a hash");
    await redis.zadd(keys.active, Date.now() + 60_000, "broken");
    const outcomes = await store.joinBatch(performanceId, [
      buyer("first", true),
      buyer("not a valid id!", true),
      buyer("broken", true),
      buyer("without-code"),
      buyer("last", true),
    ]);
    expect(outcomes[0]).toMatchObject({ status: "waiting", seq: 1, position: 1 });
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect(outcomes[2]).toBeInstanceOf(Error);
    expect((outcomes[2] as Error).message).toMatch(/WRONGTYPE/);
    expect(outcomes[3]).toMatchObject({ status: "pre", round: "general" });
    expect(outcomes[4]).toMatchObject({ status: "waiting", seq: 2, position: 2 });
    expect(await redis.zrange(keys.waiting, 0, -1)).toEqual(["first", "last"]);

    // Through join(), a bad id fails that call alone, not the batch it would have joined.
    const racing = await Promise.allSettled(
      ["x1", "bad id", "x2", "x3"].map((userId) =>
        store.join({ performanceId, userId, newConnection: true, presaleHolder: true }),
      ),
    );
    expect(racing.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect(await redis.zrange(keys.waiting, 0, -1)).toEqual(["first", "last", "x1", "x2", "x3"]);
  });

  it("refuses LINE_FULL from the buyer that fills the line on, in the middle of a batch", async () => {
    // The line takes refuseRatio x unsold seats = 3 buyers.
    const performanceId = await saleWith(openSale({ refuseRatio: 1, unsoldSeats: 3 }));
    const outcomes = await store.joinBatch(performanceId, [
      buyer("b1"),
      buyer("b2"),
      buyer("b3"),
      buyer("b4"),
      buyer("b2"),
      buyer("b5"),
    ]);
    expect(outcomes).toMatchObject([
      { status: "waiting", position: 1 },
      { status: "waiting", position: 2 },
      { status: "waiting", position: 3, progress: { waiting: 3 } },
      { status: "refused", reason: "LINE_FULL" },
      // Never a buyer already in it.
      { status: "waiting", position: 2, rejoined: true },
      { status: "refused", reason: "LINE_FULL" },
    ]);
    const stats = await store.stats(performanceId);
    expect(stats.counters).toMatchObject({ joins: 3, "refused:LINE_FULL": 2 });
  });

  it("loads missing settings once for a whole batch", async () => {
    const performanceId = randomUUID();
    let loads = 0;
    const loading = new QueueStore({
      redis,
      keyPrefix,
      ensureSettings: async (id) => {
        loads++;
        await store.putSettings(id, openSale(), 60_000);
      },
    });
    const outcomes = await loading.joinBatch(performanceId, [buyer("s1"), buyer("s2")]);
    expect(outcomes).toMatchObject([
      { status: "waiting", seq: 1 },
      { status: "waiting", seq: 2 },
    ]);
    expect(loads).toBe(1);
  });

  it("never admits beyond maxActive while batches race from several connections", async () => {
    const maxActive = 40;
    const performanceId = await saleWith(openSale({ maxActive, admitRate: 1_000_000 }));
    const batchSizes: number[] = [];
    const stores = Array.from({ length: 4 }, (_, index) => {
      const connection = createRedis({
        url: REDIS_URL,
        connectionName: `join-batch-racer-${index}`,
      });
      racers.push(connection);
      return new QueueStore({
        redis: connection,
        keyPrefix,
        onJoinBatch: (size) => batchSizes.push(size),
      });
    });
    const activeKey = store.keys(performanceId).active;
    const race = { running: true, highest: 0 };
    const watching = (async () => {
      while (race.running) race.highest = Math.max(race.highest, await redis.zcard(activeKey));
    })();

    const buyers = 2_000;
    let next = 0;
    const outcomes: JoinOutcome[] = [];
    await Promise.all([
      // 32 buyers in flight per connection: joins gather into batches while others run.
      ...stores.flatMap((racer) =>
        Array.from({ length: 32 }, async () => {
          while (next < buyers) {
            const userId = `r${next++}`;
            outcomes.push(await racer.join({ performanceId, userId, newConnection: true }));
          }
        }),
      ),
      // Meanwhile every connection ticks and frees random slots.
      ...stores.map(async (racer) => {
        for (let round = 0; round < 60; round++) {
          await racer.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 25 });
          const [someone] = await racer.redis.zrandmember(activeKey, 1);
          if (someone !== undefined) {
            await racer.release({ performanceId, userId: someone, reason: "left" });
          }
        }
      }),
    ]);
    race.running = false;
    await watching;

    expect(race.highest).toBeLessThanOrEqual(maxActive);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(outcomes).toHaveLength(buyers);
    // Each buyer got one place: sequence numbers are never given twice.
    const seqs = outcomes.flatMap((outcome) => (outcome.status === "waiting" ? [outcome.seq] : []));
    expect(new Set(seqs).size).toBe(seqs.length);
    const keys = store.keys(performanceId);
    expect(await redis.hget(keys.state, "seq")).toBe(String(buyers));
    const stats = await store.stats(performanceId);
    expect(stats.counters.joins).toBe(buyers);
    // Everyone is in the line, in the working set, or was admitted and freed since.
    const inLine = await redis.zcard(keys.waiting);
    expect(inLine + (stats.counters.admitted ?? 0)).toBe(buyers);
  });
});
