import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { shuffleVectors, shuffleWithSeed } from "@ticketping/verify";
import { envFields, parseEnv } from "../src/env";
import type { QueueSettings } from "../src/queue";
import { QueueStore } from "../src/queue/store";
import { createRedis, type RedisClient } from "../src/redis";
import { deleteKeysMatching, saleSettings } from "../src/testing";
import { until } from "./support/expiring-keys";

// The general sale after a presale, run by the real scripts in a real Redis: buyers without
// a code wait in its own pre-queue from the lead window on, and its opening shuffles them
// once, with the second committed seed, behind the presale's buyers (docs/fairness.md).

const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "general-sale-test" });
const keyPrefix = `test:general-sale:${randomUUID()}:`;
const store = new QueueStore({ redis, keyPrefix });
const racers: RedisClient[] = [];

const openingSeed = "069fe10e83c0b1cccddf18aa867d33a413c1774ccac1a8356688fe5fbd0c7aff";
const tenEntrants = shuffleVectors.find((vector) => vector.entrants.length === 10);
if (!tenEntrants) throw new Error("no 10-entrant vector");
const generalSeed = tenEntrants.seed;

afterEach(async () => {
  await deleteKeysMatching(redis, [`${keyPrefix}*`]);
});

afterAll(async () => {
  await Promise.all(racers.map((racer) => racer.quit()));
  await redis.quit();
});

const LEAD_MS = 3_600_000;

/** A presale on now (opened a minute ago) whose general sale is `generalIn` ms away. */
function presale(generalIn: number, overrides: Partial<QueueSettings> = {}): QueueSettings {
  const now = Date.now();
  return saleSettings({
    closesAt: now + 4 * LEAD_MS,
    maxActive: 0,
    preQueueLeadMs: LEAD_MS,
    shuffleSeed: openingSeed,
    generalOpensAt: now + generalIn,
    generalShuffleSeed: generalSeed,
    ...overrides,
  });
}

const join = (performanceId: string, userId: string, presaleHolder: boolean) =>
  store.join({ performanceId, userId, newConnection: true, presaleHolder });

const tick = (on: QueueStore, performanceId: string) =>
  on.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 100 });

/** The line as the scripts will admit it, head first. */
const line = (performanceId: string) => redis.zrange(store.keys(performanceId).waiting, 0, -1);

describe("the general sale's pre-queue", () => {
  it("takes buyers without a code in its lead window and shuffles them in behind the presale's buyers", async () => {
    const performanceId = randomUUID();
    const settings = presale(600_000);
    await store.putSettings(performanceId, settings, 60_000);

    // Code holders buy in the presale: straight into the line.
    expect(await join(performanceId, "holder-1", true)).toMatchObject({
      status: "waiting",
      seq: 1,
    });
    expect(await join(performanceId, "holder-2", true)).toMatchObject({
      status: "waiting",
      seq: 2,
    });
    // Buyers without one wait for the general sale, and are shown its instant.
    for (const [index, user] of tenEntrants.entrants.entries()) {
      const answer = await join(performanceId, user, false);
      expect(answer).toMatchObject({
        status: "pre",
        round: "general",
        rejoined: false,
        progress: {
          phase: "open",
          opensAt: settings.opensAt,
          generalPhase: "pre",
          generalOpensAt: settings.generalOpensAt,
          generalPreQueued: index + 1,
          preQueued: 0,
          waiting: 2,
        },
      });
    }
    // Joining again keeps the place; a code holder coming now still goes straight in.
    expect(await join(performanceId, tenEntrants.entrants[3] ?? "", false)).toMatchObject({
      status: "pre",
      round: "general",
      rejoined: true,
    });
    expect(await join(performanceId, "holder-3", true)).toMatchObject({
      status: "waiting",
      seq: 3,
    });
    expect(await store.status({ performanceId, userId: "leaver" })).toBeNull();
    expect(await join(performanceId, "leaver", false)).toMatchObject({ round: "general" });
    expect(await store.leave({ performanceId, userId: "leaver" })).toEqual({
      status: "left",
      from: "pre",
    });
    // Nothing is shuffled before the general sale.
    expect((await tick(store, performanceId)).status).toBe("advanced");
    expect(await store.shuffleRecord(performanceId, "general")).toBeNull();

    // The general sale's instant passes (here: the organizer moves it to now).
    await store.putSettings(performanceId, { ...settings, generalOpensAt: Date.now() - 1 }, 60_000);
    expect(await tick(store, performanceId)).toMatchObject({
      status: "advanced",
      opened: false,
      generalOpened: true,
      progress: { phase: "open", generalPhase: "open", generalPreQueued: 0, waiting: 13 },
    });
    // The order is the committed seed's (the shared vector's), never the join order.
    expect(await store.shuffleRecord(performanceId, "general")).toEqual({
      openedAt: expect.any(Number) as number,
      entrants: tenEntrants.entrants,
      lineOrder: tenEntrants.lineOrder,
    });
    expect(await line(performanceId)).toEqual([
      "holder-1",
      "holder-2",
      "holder-3",
      ...tenEntrants.lineOrder,
    ]);
    const last = tenEntrants.lineOrder.at(-1) ?? "";
    expect(await store.status({ performanceId, userId: last })).toMatchObject({
      status: "waiting",
      position: 13,
    });
    // After the instant, first come first served behind them.
    expect(await join(performanceId, "late", false)).toMatchObject({
      status: "waiting",
      seq: 14,
      position: 14,
    });
    // The opening's own record stays the first round's; the counters count both rounds.
    expect(await store.shuffleRecord(performanceId)).toMatchObject({ entrants: [], lineOrder: [] });
    const { counters } = await store.stats(performanceId);
    expect(counters).toMatchObject({ "shuffled:general": 10, left: 1 });
    const record = await store.saleRecord(performanceId);
    expect(record.generalOpenedAt).toEqual(expect.any(Number));
    // The shuffled buyers' wait counts from the general sale's opening.
    expect(record.entries).toContainEqual({ kind: "join", seq: 4, at: record.generalOpenedAt });
  });

  it("refuses a buyer without a code before its lead window, and lets a code holder in", async () => {
    const performanceId = randomUUID();
    await store.putSettings(performanceId, presale(LEAD_MS + 60_000), 60_000);
    expect(await join(performanceId, "early", false)).toEqual({
      status: "refused",
      reason: "NOT_OPEN_YET",
    });
    expect(await join(performanceId, "holder", true)).toMatchObject({ status: "waiting" });
    expect((await store.stats(performanceId)).counters).toMatchObject({
      "refused:NOT_OPEN_YET": 1,
    });
  });

  it("takes both pre-queues at once when the presale is shorter than the lead", async () => {
    const performanceId = randomUUID();
    const now = Date.now();
    const settings = presale(0, { opensAt: now + 600_000, generalOpensAt: now + 1_200_000 });
    await store.putSettings(performanceId, settings, 60_000);
    expect(await join(performanceId, "holder", true)).toMatchObject({ round: "opening" });
    expect(await join(performanceId, "fan", false)).toMatchObject({
      round: "general",
      progress: { phase: "pre", generalPhase: "pre", preQueued: 1, generalPreQueued: 1 },
    });
    // Both instants pass at once: nobody came after the general sale's instant, so both
    // pre-queues are one round, the opening's (its seed, its record); the general sale's
    // round runs empty.
    await store.putSettings(
      performanceId,
      { ...settings, opensAt: Date.now() - 2, generalOpensAt: Date.now() - 1 },
      60_000,
    );
    expect(await tick(store, performanceId)).toMatchObject({ opened: true, generalOpened: true });
    const lineOrder = shuffleWithSeed(openingSeed, ["holder", "fan"]);
    expect(await store.shuffleRecord(performanceId)).toMatchObject({
      entrants: ["holder", "fan"],
      lineOrder,
    });
    expect(await store.shuffleRecord(performanceId, "general")).toMatchObject({
      entrants: [],
      lineOrder: [],
    });
    expect(await line(performanceId)).toEqual(lineOrder);
  });

  it("pauses at the first buyer without a code of a folded round when the general sale moves later", async () => {
    const performanceId = randomUUID();
    const now = Date.now();
    const settings = presale(0, { opensAt: now + 600_000, generalOpensAt: now + 1_200_000 });
    await store.putSettings(performanceId, settings, 60_000);
    const joined = ["fan-1", "holder-1", "fan-2", "fan-3", "holder-2", "holder-3"];
    const fans = joined.filter((user) => user.startsWith("fan"));
    for (const user of joined) await join(performanceId, user, !fans.includes(user));
    // The sale opens after its general instant, the presale still set: one round for both.
    await store.putSettings(
      performanceId,
      { ...settings, opensAt: Date.now() - 2, generalOpensAt: Date.now() - 1 },
      60_000,
    );
    expect(await tick(store, performanceId)).toMatchObject({ opened: true, admitted: [] });
    const lineOrder = shuffleWithSeed(openingSeed, joined);
    const firstFan = lineOrder.findIndex((user) => fans.includes(user));
    // This seed puts two code holders ahead of the first buyer without one and a third
    // behind: the pause lets the first two go and holds the third, in line order.
    expect(lineOrder).toEqual(["holder-2", "holder-1", "fan-1", "holder-3", "fan-2", "fan-3"]);

    // Moved later with room for everyone: the buyers without a code would be refused at
    // their claim before it, so the line stops at the first of them, and so behind it.
    const later = { ...settings, opensAt: now - 2, generalOpensAt: Date.now() + 600_000 };
    await store.putSettings(performanceId, { ...later, maxActive: 10 }, 60_000);
    expect(await tick(store, performanceId)).toMatchObject({
      admitted: lineOrder.slice(0, firstFan),
      progress: { phase: "open", generalPhase: "pre", pausedFromSeq: firstFan + 1 },
    });
    expect(await tick(store, performanceId)).toMatchObject({ admitted: [] });

    // At the new instant the rest go in, in the shuffle's order.
    await store.putSettings(
      performanceId,
      { ...later, maxActive: 10, generalOpensAt: Date.now() - 1 },
      60_000,
    );
    expect(await tick(store, performanceId)).toMatchObject({
      admitted: lineOrder.slice(firstFan),
      progress: { generalPhase: "open", pausedFromSeq: 0 },
    });
    expect(await store.shuffleRecord(performanceId)).toMatchObject({ lineOrder });
  });

  it("is shuffled with the opening's when the presale is removed before the opening", async () => {
    const performanceId = randomUUID();
    const now = Date.now();
    // A presale shorter than the lead: both pre-queues fill before the opening.
    const settings = presale(0, { opensAt: now + 600_000, generalOpensAt: now + 1_200_000 });
    await store.putSettings(performanceId, settings, 60_000);
    expect(await join(performanceId, "holder", true)).toMatchObject({ round: "opening" });
    for (const fan of ["early-1", "early-2", "early-3"]) {
      expect(await join(performanceId, fan, false)).toMatchObject({ round: "general" });
    }
    // The organizer removes the presale: buyers without a code now wait for the opening.
    await store.putSettings(performanceId, { ...settings, generalOpensAt: 0 }, 60_000);
    for (const fan of ["late-1", "late-2", "late-3"]) {
      expect(await join(performanceId, fan, false)).toMatchObject({ round: "opening" });
    }
    // Nothing opens before the sale does.
    expect(await tick(store, performanceId)).toMatchObject({ opened: false, generalOpened: false });

    await store.putSettings(
      performanceId,
      { ...settings, opensAt: Date.now() - 1, generalOpensAt: 0 },
      60_000,
    );
    expect(await tick(store, performanceId)).toMatchObject({ opened: true, generalOpened: false });
    // One round for everyone who came in a lead window, in join order, by the opening's seed:
    // the early general pre-queue is not appended behind those who came after it.
    const entrants = ["holder", "early-1", "early-2", "early-3", "late-1", "late-2", "late-3"];
    const lineOrder = shuffleWithSeed(openingSeed, entrants);
    expect(lineOrder).not.toEqual(entrants);
    expect(await store.shuffleRecord(performanceId)).toMatchObject({ entrants, lineOrder });
    expect(await line(performanceId)).toEqual(lineOrder);
    expect(await store.shuffleRecord(performanceId, "general")).toBeNull();
    expect((await store.stats(performanceId)).counters).toMatchObject({ shuffled: 7 });
  });

  it("shuffles its pre-queue in behind the line when the organizer drops the presale", async () => {
    const performanceId = randomUUID();
    const settings = presale(600_000);
    await store.putSettings(performanceId, settings, 60_000);
    await join(performanceId, "holder", true);
    await join(performanceId, "fan", false);
    await store.putSettings(performanceId, { ...settings, generalOpensAt: 0 }, 60_000);
    expect(await store.status({ performanceId, userId: "fan" })).toMatchObject({
      status: "waiting",
      position: 2,
    });
    expect(await store.shuffleRecord(performanceId, "general")).toMatchObject({
      entrants: ["fan"],
    });
  });
});

describe("a round's entrants", () => {
  it("leave out a buyer of the opening's pre-queue whose grace ran out before it", async () => {
    const performanceId = randomUUID();
    const settings = presale(1_200_000, { opensAt: Date.now() + 600_000, graceMs: 0 });
    await store.putSettings(performanceId, settings, 60_000);
    for (const user of ["stays", "goes"]) await join(performanceId, user, true);
    expect(await store.disconnect({ performanceId, userId: "goes" })).toMatchObject({
      status: "grace",
    });
    await store.putSettings(performanceId, { ...settings, opensAt: Date.now() - 1 }, 60_000);
    // A status read opens the sale here: a tick is not the only script that shuffles.
    expect(await store.status({ performanceId, userId: "stays" })).toMatchObject({
      status: "waiting",
      position: 1,
    });
    expect(await store.shuffleRecord(performanceId)).toMatchObject({
      entrants: ["stays"],
      lineOrder: ["stays"],
    });
    expect(await store.status({ performanceId, userId: "goes" })).toBeNull();
  });

  it("leave out a buyer of the general sale's pre-queue whose grace ran out before it", async () => {
    const performanceId = randomUUID();
    const settings = presale(600_000, { graceMs: 0 });
    await store.putSettings(performanceId, settings, 60_000);
    for (const user of ["fan-1", "fan-2", "fan-3"]) await join(performanceId, user, false);
    await store.disconnect({ performanceId, userId: "fan-2" });
    await store.putSettings(performanceId, { ...settings, generalOpensAt: Date.now() - 1 }, 60_000);
    expect(await tick(store, performanceId)).toMatchObject({ generalOpened: true, abandoned: 1 });
    const opening = await store.shuffleRecord(performanceId, "general");
    expect(opening?.entrants).toEqual(["fan-1", "fan-3"]);
    expect(await line(performanceId)).toEqual(opening?.lineOrder);
    expect((await store.stats(performanceId)).counters["shuffled:general"]).toBe(2);
  });
});

describe("the general sale's opening", () => {
  it("shuffles exactly once while many clients race its instant", async () => {
    const performanceId = randomUUID();
    const settings = presale(600_000);
    await store.putSettings(performanceId, settings, 60_000);
    await join(performanceId, "holder", true);
    const early = Array.from({ length: 200 }, (_, index) => `early-${index}`);
    for (const user of early) await join(performanceId, user, false);

    // Eight connections, each its own client, hammer the instant with ticks, joins of
    // newcomers without a code and status reads, from before it until well after. They are
    // connected and racing before the instant is set, so a slow start cannot miss it.
    const stores = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const client = createRedis({
          url: REDIS_URL,
          connectionName: `general-sale-racer-${index}`,
        });
        racers.push(client);
        await client.ping();
        return new QueueStore({ redis: client, keyPrefix });
      }),
    );
    const openedBy: number[] = [];
    const newcomers: { racer: number; user: string; status: string; afterMove: boolean }[] = [];
    let generalOpensAt = Number.POSITIVE_INFINITY;
    let moved = false;
    const roundsRun = stores.map(() => 0);
    const deadline = Date.now() + 30_000;
    const racing = Promise.all(
      stores.map(async (racer, index) => {
        for (let round = 0; Date.now() < deadline; round += 1) {
          const afterMove = moved;
          const user = `late-${index}-${round}`;
          const [ticked, joined] = await Promise.all([
            tick(racer, performanceId),
            racer.join({ performanceId, userId: user, newConnection: true }),
            racer.status({ performanceId, userId: early[round % early.length] ?? "" }),
          ]);
          if (ticked.status === "advanced" && ticked.generalOpened) openedBy.push(index);
          newcomers.push({ racer: index, user, status: joined.status, afterMove });
          roundsRun[index] = round + 1;
          // Keep going a little past the instant, so scripts race it from both sides.
          if (Date.now() > generalOpensAt + 300) break;
        }
      }),
    );
    // Every racer is under way; then the instant is set a little ahead.
    await until(() => roundsRun.every((rounds) => rounds > 0), "every racer's first round", 15_000);
    generalOpensAt = Date.now() + 1_000;
    await store.putSettings(performanceId, { ...settings, generalOpensAt }, 60_000);
    moved = true;
    await racing;

    // The race happened: several racers ran scripts between the move and the instant, and
    // several after it.
    const racersAnswered = (status: string) =>
      new Set(
        newcomers
          .filter((entry) => entry.afterMove && entry.status === status)
          .map((entry) => entry.racer),
      ).size;
    expect(racersAnswered("pre")).toBeGreaterThanOrEqual(4);
    expect(racersAnswered("waiting")).toBeGreaterThanOrEqual(4);

    // A join or a status read may have been the one to open it; no two ticks did.
    expect(openedBy.length).toBeLessThanOrEqual(1);
    const opening = await store.shuffleRecord(performanceId, "general");
    if (!opening) throw new Error("the general sale never opened");
    expect(opening.openedAt).toBeGreaterThanOrEqual(generalOpensAt);
    const preQueuedNewcomers = newcomers.filter((entry) => entry.status === "pre");
    const lateNewcomers = newcomers.filter((entry) => entry.status === "waiting");
    expect(preQueuedNewcomers.length + lateNewcomers.length).toBe(newcomers.length);
    expect(lateNewcomers.length).toBeGreaterThan(0);
    // Everyone who came before the instant, in join order, shuffled by the committed seed.
    expect(opening.entrants.slice(0, 200)).toEqual(early);
    expect([...opening.entrants].sort()).toEqual(
      [...early, ...preQueuedNewcomers.map((entry) => entry.user)].sort(),
    );
    expect(opening.lineOrder).toEqual(shuffleWithSeed(generalSeed, opening.entrants));
    // The line: the presale's buyer, the shuffled round, then the latecomers, each once.
    const waiting = await line(performanceId);
    expect(waiting.slice(0, 1 + opening.lineOrder.length)).toEqual([
      "holder",
      ...opening.lineOrder,
    ]);
    expect([...waiting.slice(1 + opening.lineOrder.length)].sort()).toEqual(
      lateNewcomers.map((entry) => entry.user).sort(),
    );
    // Shuffled once: a second shuffle would have counted again, and recorded its own mark.
    expect((await store.stats(performanceId)).counters["shuffled:general"]).toBe(
      opening.entrants.length,
    );
    const marks = (await store.saleRecord(performanceId)).entries.filter(
      (entry) => entry.kind === "join" && entry.seq === 2,
    );
    expect(marks).toEqual([{ kind: "join", seq: 2, at: opening.openedAt }]);
  }, 60_000);

  it("pauses at its first place when the organizer moves it later, and never shuffles again", async () => {
    const performanceId = randomUUID();
    const settings = presale(600_000);
    await store.putSettings(performanceId, settings, 60_000);
    for (const user of ["holder-1", "holder-2"]) await join(performanceId, user, true);
    for (const user of ["fan-1", "fan-2", "fan-3"]) await join(performanceId, user, false);
    await store.putSettings(performanceId, { ...settings, generalOpensAt: Date.now() - 1 }, 60_000);
    expect(await tick(store, performanceId)).toMatchObject({ generalOpened: true, admitted: [] });
    const opening = await store.shuffleRecord(performanceId, "general");

    // Moved an hour later, with room to admit: only the presale's buyers ahead go in.
    const later = { ...settings, generalOpensAt: Date.now() + 600_000, maxActive: 10 };
    await store.putSettings(performanceId, later, 60_000);
    expect(await tick(store, performanceId)).toMatchObject({
      admitted: ["holder-1", "holder-2"],
      progress: { phase: "open", generalPhase: "pre", pausedFromSeq: 3 },
    });
    // Newcomers, with a code or without, join the back of the line: no second pre-queue.
    expect(await join(performanceId, "fan-4", false)).toMatchObject({
      status: "waiting",
      position: 4,
    });
    // A code holder who comes during the pause waits behind the round too (the line does
    // not know who holds a code, and admits strictly in order): they are told so, their
    // place being behind the pause's first, and until when.
    expect(await join(performanceId, "holder-3", true)).toMatchObject({
      status: "waiting",
      seq: 7,
      position: 5,
      progress: {
        phase: "open",
        generalPhase: "pre",
        generalOpensAt: later.generalOpensAt,
        pausedFromSeq: 3,
        waiting: 5,
        active: 2,
        maxActive: 10,
      },
    });
    expect(await tick(store, performanceId)).toMatchObject({ admitted: [] });
    expect(await store.status({ performanceId, userId: "holder-3" })).toMatchObject({
      status: "waiting",
      position: 5,
    });

    // At the new time the line moves on where it stopped, in the same order.
    await store.putSettings(performanceId, { ...later, generalOpensAt: Date.now() - 1 }, 60_000);
    expect(await tick(store, performanceId)).toMatchObject({
      generalOpened: false,
      admitted: [...(opening?.lineOrder ?? []), "fan-4", "holder-3"],
      progress: { generalPhase: "open", pausedFromSeq: 0 },
    });
    expect(await store.shuffleRecord(performanceId, "general")).toEqual(opening);
    expect((await store.stats(performanceId)).counters["shuffled:general"]).toBe(3);
  });
});
