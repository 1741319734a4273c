import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
  signWorkingToken,
  verifyWorkingToken,
  type RefusalReason,
} from "@ticketping/common/queue";
import { type QueueStore } from "@ticketping/common/queue/store";
import { ensureSaleFairness } from "@ticketping/db";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { shuffleWithSeed } from "@ticketping/verify";
import type { RedisClient } from "@ticketping/common/redis";
import type { QueueServiceConfig } from "../src/config";
import { createPerformance, type PerformanceFixtureOptions } from "./support/fixtures";
import { testConfig } from "./support/instance";
import { connectRedis, deleteKeys, uniqueKeyPrefix } from "./support/redis";
import { createStore } from "./support/store";

let database: TestDatabase;
let redis: RedisClient;
const prefixes: string[] = [];
const extraConnections: RedisClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ label: "queue_admission" });
  redis = connectRedis();
});

afterEach(async () => {
  await Promise.all(prefixes.splice(0).map((prefix) => deleteKeys(redis, prefix)));
  await Promise.all(extraConnections.splice(0).map((connection) => connection.quit()));
});

afterAll(async () => {
  await redis.quit();
  await database.drop();
});

async function queueFor(
  performance: PerformanceFixtureOptions = {},
  config: Partial<QueueServiceConfig> = {},
): Promise<{
  performanceId: string;
  store: QueueStore;
  keyPrefix: string;
  config: QueueServiceConfig;
}> {
  const keyPrefix = uniqueKeyPrefix("admission");
  prefixes.push(keyPrefix);
  const fullConfig = testConfig(keyPrefix, config);
  const performanceId = await createPerformance(database.prisma, performance);
  return {
    performanceId,
    keyPrefix,
    config: fullConfig,
    store: createStore({ redis, prisma: database.prisma, config: fullConfig }),
  };
}

const users = (count: number) => Array.from({ length: count }, () => randomUUID());

async function join(store: QueueStore, performanceId: string, userId: string) {
  return store.join({ performanceId, userId, newConnection: true });
}

describe("joining", () => {
  it("keeps a re-joining buyer's original place; the line is ordered by sequence number", async () => {
    const { store, performanceId } = await queueFor({ queueMaxActive: 1 });
    const [first, second, third] = users(3) as [string, string, string];

    expect(await join(store, performanceId, first)).toMatchObject({ status: "admitted" });
    expect(await join(store, performanceId, second)).toMatchObject({
      status: "waiting",
      seq: 2,
      position: 1,
      rejoined: false,
    });
    expect(await join(store, performanceId, third)).toMatchObject({ seq: 3, position: 2 });

    // Another tab, a reload, a reconnect: same place, not the back of the line.
    expect(await join(store, performanceId, second)).toMatchObject({
      status: "waiting",
      seq: 2,
      position: 1,
      rejoined: true,
    });
    expect(await join(store, performanceId, first)).toMatchObject({
      status: "admitted",
      rejoined: true,
    });
    const stats = await store.stats(performanceId);
    expect(stats.counters.joins).toBe(3);
    expect(stats.progress).toMatchObject({ waiting: 2, active: 1 });
  });

  it.each<[RefusalReason, PerformanceFixtureOptions | "missing"]>([
    ["UNKNOWN_PERFORMANCE", "missing"],
    ["UNKNOWN_PERFORMANCE", { saleStatus: "DRAFT" }],
    ["SALE_CLOSED", { saleStatus: "CLOSED" }],
    ["SALE_CLOSED", { closesAt: new Date(Date.now() - 1_000), opensAt: new Date(0) }],
    ["SOLD_OUT", { seats: 0 }],
    // Sold out before the opening too, in the catalog's order (web's sale-phase.ts).
    ["SOLD_OUT", { seats: 0, opensAt: new Date(Date.now() + 2 * 3_600_000) }],
    ["NOT_OPEN_YET", { opensAt: new Date(Date.now() + 2 * 3_600_000) }],
  ])("refuses at once with %s (%j)", async (reason, performance) => {
    const queue = await queueFor(performance === "missing" ? {} : performance);
    const performanceId = performance === "missing" ? randomUUID() : queue.performanceId;
    expect(await join(queue.store, performanceId, randomUUID())).toEqual({
      status: "refused",
      reason,
    });
    expect((await queue.store.stats(performanceId)).counters[`refused:${reason}`]).toBe(1);
  });

  it("counts no held-back seat as unsold: a show whose free seats are all held back is SOLD_OUT", async () => {
    const { store, performanceId } = await queueFor({ seats: 3 });
    await database.prisma.seat.updateMany({
      where: { schedule: { performanceId } },
      data: { heldBackAt: new Date() },
    });
    expect(await join(store, performanceId, randomUUID())).toEqual({
      status: "refused",
      reason: "SOLD_OUT",
    });
  });

  it("counts no seat of a cancelled show as unsold: with its only show cancelled, the line is SOLD_OUT", async () => {
    const { store, performanceId } = await queueFor({ seats: 3 });
    await database.prisma.schedule.updateMany({
      where: { performanceId },
      data: { cancelledAt: new Date() },
    });
    expect(await join(store, performanceId, randomUUID())).toEqual({
      status: "refused",
      reason: "SOLD_OUT",
    });
  });

  it("refuses LINE_FULL once the line reaches refuseRatio x unsold seats, but never a buyer already in it", async () => {
    const { store, performanceId } = await queueFor({
      seats: 2,
      queueRefuseRatio: 1,
      queueMaxActive: 1,
    });
    const [admitted, second, third, fourth] = users(4) as [string, string, string, string];
    await join(store, performanceId, admitted);
    await join(store, performanceId, second);
    await join(store, performanceId, third);
    // Two waiting = 1 x 2 unsold seats.
    expect(await join(store, performanceId, fourth)).toEqual({
      status: "refused",
      reason: "LINE_FULL",
    });
    expect(await join(store, performanceId, third)).toMatchObject({
      status: "waiting",
      rejoined: true,
    });
  });
});

describe("the pre-queue", () => {
  it("is shuffled exactly once when the sale opens, keeps everyone, then the line is FIFO", async () => {
    const opensAt = Date.now() + 1_500;
    const { store, performanceId, keyPrefix } = await queueFor({
      opensAt: new Date(opensAt),
      queueMaxActive: 1,
    });
    const early = users(40);
    // The seed is fixed before anyone can join the pre-queue; joining does not change it.
    const before = await ensureSaleFairness(database.prisma, performanceId);
    for (const userId of early) {
      expect(await join(store, performanceId, userId)).toMatchObject({
        status: "pre",
        progress: { phase: "pre", preQueued: expect.any(Number) as number },
      });
    }
    const noTickYet = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    expect(noTickYet).toMatchObject({ opened: false, admitted: [], progress: { phase: "pre" } });

    await new Promise((resolve) => setTimeout(resolve, opensAt - Date.now() + 50));
    const opening = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    expect(opening).toMatchObject({
      status: "advanced",
      opened: true,
      admitted: [expect.any(String)],
    });

    const order = async () => {
      const keys = store.keys(performanceId);
      const waiting = await redis.zrange(keys.waiting, 0, -1);
      const [head] = opening.status === "advanced" ? opening.admitted : [];
      return head === undefined ? waiting : [head, ...waiting];
    };
    const shuffled = await order();
    expect([...shuffled].sort()).toEqual([...early].sort());
    expect(shuffled).not.toEqual(early);
    // The order is the committed shuffle of the join order, and the opening recorded both.
    const { seed } = await database.prisma.saleFairness.findUniqueOrThrow({
      where: { performanceId },
    });
    expect(shuffled).toEqual(shuffleWithSeed(seed, early));
    expect(await store.shuffleRecord(performanceId)).toMatchObject({
      entrants: early,
      lineOrder: shuffled,
    });

    // Later ticks, status requests and joins never shuffle again; newcomers go to the back.
    await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 10 });
    for (const userId of early.slice(0, 5)) await store.status({ performanceId, userId });
    const late = randomUUID();
    expect(await join(store, performanceId, late)).toMatchObject({ status: "waiting", seq: 41 });
    expect(await order()).toEqual([...shuffled, late]);
    expect((await store.stats(performanceId)).counters.shuffled).toBe(40);
    expect(await redis.exists(`${keyPrefix}queue:{${performanceId}}:pre`)).toBe(0);
    expect(await ensureSaleFairness(database.prisma, performanceId)).toEqual(before);
  });

  it("fixes one seed per sale however many processes ask for it at once", async () => {
    const performanceId = await createPerformance(database.prisma);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => ensureSaleFairness(database.prisma, performanceId)),
    );
    expect(new Set(answers.map((answer) => answer.seed)).size).toBe(1);
    expect(answers[0]?.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(answers[0]?.pseudonymKey).not.toBe(answers[0]?.seed);
  });
});

describe("the working set", () => {
  it("never exceeds maxActive, whatever joins, ticks and releases interleave", async () => {
    const maxActive = 50;
    const { performanceId, config } = await queueFor({
      queueMaxActive: maxActive,
      queueAdmitRatePerSec: 10_000,
      seats: 10,
      queueRefuseRatio: 1_000,
    });
    // Eight independent connections stand in for eight service instances.
    const stores = Array.from({ length: 8 }, () => {
      const connection = connectRedis("queue-test:race");
      extraConnections.push(connection);
      return createStore({ redis: connection, prisma: database.prisma, config });
    });
    const watcher = connectRedis("queue-test:watch");
    extraConnections.push(watcher);
    const [observer] = stores;
    if (!observer) throw new Error("no store");
    const activeKey = observer.keys(performanceId).active;

    const race = { running: true, highestActive: 0 };
    const watching = (async () => {
      while (race.running) {
        race.highestActive = Math.max(race.highestActive, await watcher.zcard(activeKey));
      }
    })();

    const crowd = users(2_000);
    let released = 0;
    await Promise.all([
      ...crowd.map((userId, index) => join(stores[index % 8] as QueueStore, performanceId, userId)),
      ...stores.map(async (store) => {
        for (let round = 0; round < 40; round++) {
          await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 1_000 });
          const [someone] = await watcher.zrandmember(activeKey, 1);
          if (someone !== undefined) {
            const outcome = await store.release({ performanceId, userId: someone, reason: "left" });
            if (outcome.status === "released") released++;
          }
        }
      }),
    ]);
    race.running = false;
    await watching;
    await observer.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 1_000 });

    const stats = await observer.stats(performanceId);
    expect(race.highestActive).toBeLessThanOrEqual(maxActive);
    expect(released).toBeGreaterThan(0);
    expect(stats.progress?.active).toBe(maxActive);
    expect(stats.counters.admitted).toBe(maxActive + released);
    expect(stats.progress?.waiting).toBe(crowd.length - maxActive - released);
  });

  it("paces admissions at admitRatePerSec", async () => {
    const { store, performanceId } = await queueFor({
      queueMaxActive: 1_000,
      queueAdmitRatePerSec: 5,
      seats: 100,
    });
    for (const userId of users(30)) await join(store, performanceId, userId);
    await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 1_000 });
    expect((await store.stats(performanceId)).progress?.active).toBe(5);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 1_000 });
    const active = (await store.stats(performanceId)).progress?.active ?? 0;
    expect(active).toBeGreaterThanOrEqual(9);
    expect(active).toBeLessThanOrEqual(10);
  });

  it("follows the organizer's live settings", async () => {
    const { store, performanceId } = await queueFor({ queueMaxActive: 1 });
    for (const userId of users(5)) await join(store, performanceId, userId);
    expect((await store.stats(performanceId)).progress?.active).toBe(1);

    await database.prisma.performance.update({
      where: { id: performanceId },
      data: { queueMaxActive: 3 },
    });
    await store.invalidateSettings(performanceId);
    const outcome = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 100 });
    expect(outcome).toMatchObject({ progress: { maxActive: 3, active: 3, waiting: 2 } });
  });
});

describe("working tokens", () => {
  it("are claimed once, extended once, verified with one Redis read and released exactly once", async () => {
    const { store, performanceId, keyPrefix } = await queueFor({
      queueMaxActive: 1,
      queueTokenTtlSeconds: 60,
    });
    const [buyer, next] = users(2) as [string, string];
    const admitted = await join(store, performanceId, buyer);
    await join(store, performanceId, next);
    expect(admitted.status).toBe("admitted");

    const claimed = await store.claim({ performanceId, userId: buyer, tokenId: "first" });
    expect(claimed).toMatchObject({ status: "claimed", tokenId: "first", extendable: true });
    // A second tab claims the same grant.
    expect(await store.claim({ performanceId, userId: buyer, tokenId: "second" })).toEqual(claimed);
    expect(await store.claim({ performanceId, userId: next, tokenId: "x" })).toEqual({
      status: "not_admitted",
    });
    if (claimed.status !== "claimed") throw new Error("claim failed");

    const extended = await store.extend({ performanceId, userId: buyer });
    expect(extended).toEqual({
      status: "extended",
      tokenId: "first",
      expiresAt: claimed.expiresAt + 60_000,
    });
    expect(await store.extend({ performanceId, userId: buyer })).toEqual({
      status: "already_extended",
    });

    const token = await signWorkingToken({
      secret: DEVELOPMENT_QUEUE_TOKEN_SECRET,
      userId: buyer,
      performanceId,
      tokenId: "first",
      expiresAt: extended.status === "extended" ? extended.expiresAt : 0,
    });
    const gate = { token, secret: DEVELOPMENT_QUEUE_TOKEN_SECRET, redis, keyPrefix };
    await expect(verifyWorkingToken({ ...gate, performanceId })).resolves.toMatchObject({
      userId: buyer,
      performanceId,
      tokenId: "first",
    });
    await expect(verifyWorkingToken({ ...gate, performanceId: randomUUID() })).rejects.toThrow(
      /another performance/,
    );

    const slot = { performanceId, userId: buyer };
    const released = async (outcome: Promise<{ status: string }>) =>
      (await outcome).status === "released";
    expect(
      await released(store.release({ ...slot, reason: "revoked", tokenId: "not-this-one" })),
    ).toBe(false);
    // An event from before this grant was admitted belongs to an older slot.
    expect(
      await released(
        store.release({ ...slot, reason: "confirmed", admittedBefore: Date.now() - 60_000 }),
      ),
    ).toBe(false);
    expect(
      await released(store.release({ ...slot, reason: "confirmed", admittedBefore: Date.now() })),
    ).toBe(true);
    expect(
      await released(store.release({ ...slot, reason: "confirmed", admittedBefore: Date.now() })),
    ).toBe(false);
    await expect(verifyWorkingToken(gate)).rejects.toMatchObject({ code: "QUEUE_TOKEN_REQUIRED" });

    // The freed slot goes to the next buyer on the next tick, exactly once.
    const tick = await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 100 });
    expect(tick).toMatchObject({ admitted: [next], progress: { active: 1, waiting: 0 } });
    expect((await store.stats(performanceId)).counters).toMatchObject({
      "released:confirmed": 1,
      admitted: 2,
    });
  });
});

describe("disconnected waiters", () => {
  it("keep their place for the grace period, and lose it after", async () => {
    const { store, performanceId } = await queueFor({ queueMaxActive: 1 }, { graceMs: 400 });
    const [admitted, waiter, behind] = users(3) as [string, string, string];
    for (const userId of [admitted, waiter, behind]) await join(store, performanceId, userId);

    // Two tabs: closing one is no disconnect.
    await store.join({ performanceId, userId: waiter, newConnection: true });
    expect(await store.disconnect({ performanceId, userId: waiter })).toEqual({
      status: "connected",
      sockets: 1,
    });
    expect(await store.disconnect({ performanceId, userId: waiter })).toMatchObject({
      status: "grace",
    });
    // Back within the grace period: same place.
    expect(await join(store, performanceId, waiter)).toMatchObject({ seq: 2, rejoined: true });

    expect(await store.disconnect({ performanceId, userId: waiter })).toMatchObject({
      status: "grace",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 100 }),
    ).toMatchObject({ abandoned: 1, progress: { waiting: 1 } });
    expect(await store.status({ performanceId, userId: waiter })).toBeNull();
    expect(await store.status({ performanceId, userId: behind })).toMatchObject({ position: 1 });
  });
});
