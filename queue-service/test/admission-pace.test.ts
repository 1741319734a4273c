import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { publishBookingLatency, type QueueStore } from "@ticketping/common/queue/store";
import { connectBuyer, dataOf, disconnectAll, send } from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { testConfig, type TestInstance } from "./support/instance";
import { deleteKeys, uniqueKeyPrefix } from "./support/redis";
import { createStore } from "./support/store";
import { useQueueTestBed } from "./support/test-bed";

// The pace controller end to end: a real queue service ticking a real line in Redis, with
// the booking latency published as web processes publish it. A slow booking path brings
// admissions down to the floor; a fast one lets them climb to the organizer's rate.

const bed = useQueueTestBed("queue_admission_pace");
const ADMIT_RATE = 20;
const TARGET_MS = 400;

/** Publishes `p95()` as one web process would, every 300 ms, until the test ends. */
function publishLatency(keyPrefix: string, p95: () => number): void {
  const instanceId = randomUUID();
  const publish = () =>
    publishBookingLatency({ redis: bed.redis, keyPrefix, instanceId, p95Ms: p95() });
  const timer = setInterval(() => {
    publish().catch(() => undefined);
  }, 300);
  bed.afterThisTest(() => {
    clearInterval(timer);
  });
}

/** A buyer joins through a real socket at the back of the line: the queue is live. */
async function joinThroughSocket(instance: TestInstance, performanceId: string): Promise<void> {
  const buyer = await connectBuyer(instance.url);
  bed.afterThisTest(() => {
    disconnectAll([buyer]);
  });
  expect(dataOf(await send.join(buyer, performanceId))).toMatchObject({ status: "waiting" });
}

async function admittedTotal(store: QueueStore, performanceId: string): Promise<number> {
  return (await store.stats(performanceId)).counters.admitted ?? 0;
}

/** Polls until the controller's pace is `expected`. */
async function paceReaches(
  store: QueueStore,
  performanceId: string,
  expected: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pace: number | undefined;
  while (Date.now() < deadline) {
    pace = (await store.paceState(performanceId)).pace;
    if (pace === expected) return;
    await sleep(100);
  }
  throw new Error(`pace ${String(pace)} after ${timeoutMs} ms, expected ${expected}`);
}

/** Admissions per second over `ms`, measured from the queue's own counter. */
async function admissionsPerSecond(
  store: QueueStore,
  performanceId: string,
  ms: number,
): Promise<number> {
  const before = await admittedTotal(store, performanceId);
  const started = Date.now();
  await sleep(ms);
  const after = await admittedTotal(store, performanceId);
  return ((after - before) * 1_000) / (Date.now() - started);
}

/** A store of its own key prefix (removed after the test), the pace controller at `paceTargetMs`. */
function pacedStore(name: string, paceTargetMs: number) {
  const keyPrefix = uniqueKeyPrefix(name);
  bed.afterThisTest(() => deleteKeys(bed.redis, keyPrefix));
  const config = testConfig(keyPrefix, { paceTargetMs });
  return { keyPrefix, store: createStore({ redis: bed.redis, prisma: bed.prisma, config }) };
}

describe("admission paced by the booking path's latency", () => {
  it("drops toward 1/s while the booking p95 is over the target, climbs to the organizer's rate while under it", async () => {
    const { keyPrefix, store } = pacedStore("pace", TARGET_MS);
    const performanceId = await createPerformance(bed.prisma, {
      seats: 50,
      queueMaxActive: 10_000,
      queueAdmitRatePerSec: ADMIT_RATE,
    });
    // A line long enough for the whole test at the organizer's rate.
    await Promise.all(
      Array.from({ length: 600 }, (_, index) =>
        store.join({ performanceId, userId: `waiter-${index}`, newConnection: true }),
      ),
    );
    let bookingP95Ms = 2_000;
    publishLatency(keyPrefix, () => bookingP95Ms);

    const instance = await bed.serve({ keyPrefix, overrides: { paceTargetMs: TARGET_MS } });
    await joinThroughSocket(instance, performanceId);
    // Slow start at a fifth of 20/s, then halved each time the hold after a cut is over.
    await paceReaches(store, performanceId, 1, 30_000);
    const slow = await admissionsPerSecond(store, performanceId, 3_000);
    expect(slow).toBeGreaterThan(0);
    // 1/s, plus at most the one token the bucket may hold.
    expect(slow).toBeLessThanOrEqual(2);
    const gauge = await instance.service.metrics.registry
      .getSingleMetric("ticketping_queue_admission_pace")
      ?.get();
    expect(gauge?.values).toEqual([
      expect.objectContaining({ labels: { performance: performanceId }, value: 1 }),
    ]);

    bookingP95Ms = 60;
    // +1/s a second from 1/s: about 19 s.
    await paceReaches(store, performanceId, ADMIT_RATE, 45_000);
    const fast = await admissionsPerSecond(store, performanceId, 2_000);
    // Ten times the floor at least, on a loaded machine whose ticks may come late.
    expect(fast).toBeGreaterThanOrEqual(ADMIT_RATE * 0.5);
    expect(fast).toBeLessThanOrEqual(ADMIT_RATE * 1.6);
    expect((await store.stats(performanceId)).admissionPacePerSec).toBe(ADMIT_RATE);
  }, 120_000);

  it("holds a crowd arriving at an open sale to the slow start from its first admission", async () => {
    const { store } = pacedStore("pace-first", TARGET_MS);
    const performanceId = await createPerformance(bed.prisma, {
      seats: 50,
      queueMaxActive: 10_000,
      queueAdmitRatePerSec: ADMIT_RATE,
    });
    // No queue service ticks it: only the settings loaded for the first join set the pace.
    const started = Date.now();
    const statuses: string[] = [];
    for (let i = 0; i < 30; i++) {
      const outcome = await store.join({
        performanceId,
        userId: `early-${i}`,
        newConnection: true,
      });
      statuses.push(outcome.status);
    }
    const elapsedSec = (Date.now() - started) / 1_000;
    const admitted = statuses.filter((status) => status === "admitted").length;
    const slowStart = ADMIT_RATE / 5;
    expect(await store.paceState(performanceId)).toMatchObject({ pace: slowStart, cutAt: 0 });
    // A full bucket of the slow start and its refill while they joined; without the pace,
    // a full second of the organizer's 20/s went to the first twenty at once.
    expect(admitted).toBeGreaterThanOrEqual(slowStart);
    expect(admitted).toBeLessThanOrEqual(slowStart + Math.ceil(elapsedSec * slowStart) + 1);
    expect(admitted).toBeLessThan(ADMIT_RATE);
  });

  it("leaves a set pace alone when the settings are loaded again", async () => {
    const { store } = pacedStore("pace-kept", TARGET_MS);
    const performanceId = await createPerformance(bed.prisma, {
      seats: 50,
      queueAdmitRatePerSec: ADMIT_RATE,
    });
    await store.join({ performanceId, userId: "first", newConnection: true });
    const climbed = { pace: 17, steppedAt: Date.now(), cutAt: Date.now() - 10_000 };
    await store.setPaceState(performanceId, climbed);
    // Dropping the cached settings makes the next script call load them again.
    await store.invalidateSettings(performanceId);
    await store.join({ performanceId, userId: "second", newConnection: true });
    expect(await store.paceState(performanceId)).toEqual(climbed);
  });

  it("admits at the organizer's fixed rate with the controller off, lifting a pace left behind", async () => {
    const { keyPrefix, store } = pacedStore("pace-off", 0);
    const performanceId = await createPerformance(bed.prisma, {
      seats: 50,
      queueMaxActive: 10_000,
      queueAdmitRatePerSec: ADMIT_RATE,
    });
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        store.join({ performanceId, userId: `waiter-${index}`, newConnection: true }),
      ),
    );
    await store.setPaceState(performanceId, { pace: 1, steppedAt: Date.now(), cutAt: 0 });
    publishLatency(keyPrefix, () => 5_000);

    const instance = await bed.serve({ keyPrefix, overrides: { paceTargetMs: 0 } });
    await joinThroughSocket(instance, performanceId);
    const deadline = Date.now() + 10_000;
    while ((await store.paceState(performanceId)).pace !== undefined) {
      if (Date.now() > deadline) throw new Error("the pace left behind was not lifted");
      await sleep(100);
    }
    const rate = await admissionsPerSecond(store, performanceId, 2_000);
    expect(rate).toBeGreaterThanOrEqual(ADMIT_RATE * 0.5);
  });
});
