import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { queueScriptKeys } from "@ticketping/common/queue";
import { saleSettings } from "@ticketping/common/testing";
import { QueueStore, queueScriptSource } from "@ticketping/common/queue/store";
import { formatRate, percentile, report, round } from "./figures";
import { redisBenchmark } from "./redis-ceiling";

const CONNECTIONS = 4;
const IN_FLIGHT_PER_CONNECTION = 64;

const openQueueSettings = (maxActive: number, admitRate: number) =>
  saleSettings({
    maxActive,
    admitRate,
    unsoldSeats: 1_000_000,
    claimWindowMs: 600_000,
    graceMs: 60_000,
    preQueueLeadMs: 0,
  });

/** Runs `task(i)` for i < total with a fixed number in flight; returns calls per second. */
async function throughput(
  total: number,
  inFlight: number,
  task: (index: number) => Promise<unknown>,
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - started) / 1_000);
}

export interface LuaFigures {
  incrRps: number;
  /** Buyers per EVALSHA in the batched redis-benchmark run. */
  joinBatch: number;
  /** Joins per second, one buyer per EVALSHA (what a quiet server's lone join costs). */
  loneJoinViaRedisBenchmarkRps: number;
  /** Joins per second (not calls), `joinBatch` buyers per EVALSHA. */
  joinViaRedisBenchmarkRps: number;
  joinViaNodeRps: number;
  /** Buyers per join script call that QueueStore's batching formed in the Node run. */
  nodeBatchSizes: { mean: number; p50: number; p90: number; calls: number };
  admissionsPerSec: number;
  overAdmission: number;
}

/**
 * The Lua scripts against the redis-benchmark ceiling on the same server: the join script
 * driven by redis-benchmark itself (server cost only) and by our Node client (what a
 * queue-service instance can push), batch admission, and a race that must never admit
 * beyond maxActive.
 */
export async function measureLua(options: {
  redisUrl: string;
  keyPrefix: string;
  joins: number;
  benchmarkRequests: number;
  joinBatch: number;
}): Promise<LuaFigures> {
  const { hostname, port } = new URL(options.redisUrl);
  const host = hostname || "127.0.0.1";
  const redisPort = Number(port || 6379);
  const connections = Array.from({ length: CONNECTIONS }, () => new Redis(options.redisUrl));
  const [main] = connections as [Redis, ...Redis[]];
  const batchSizes: number[] = [];
  const stores = connections.map(
    (redis) =>
      new QueueStore({
        redis,
        keyPrefix: options.keyPrefix,
        onJoinBatch: (size) => batchSizes.push(size),
      }),
  );
  const [store] = stores as [QueueStore, ...QueueStore[]];

  try {
    const ceiling = await redisBenchmark({
      host,
      port: redisPort,
      requests: options.benchmarkRequests,
      clients: 50,
      tests: "ping,incr,zadd",
    });
    const incr = ceiling.find((result) => result.test === "INCR");
    const share = (joinsPerSec: number) => round((joinsPerSec / (incr?.rps ?? 1)) * 100);

    // The same join script, driven by redis-benchmark's C client with random users: one
    // buyer per call, then `joinBatch` buyers per call (redis-benchmark draws each
    // __rand_int__ on its own), the same number of buyers each.
    const sha = (await main.script("LOAD", queueScriptSource("join"))) as string;
    const joinViaBenchmark = async (batch: number) => {
      const performanceId = randomUUID();
      await store.putSettings(performanceId, openQueueSettings(100, 100), 3_600_000);
      const keys = store.keys(performanceId);
      const scriptKeys = queueScriptKeys(keys);
      const [result] = await redisBenchmark({
        host,
        port: redisPort,
        requests: Math.ceil(options.benchmarkRequests / batch),
        clients: 50,
        randomKeyspace: 100_000_000,
        command: [
          "EVALSHA",
          sha,
          String(scriptKeys.length),
          ...scriptKeys,
          keys.grantPrefix,
          ...Array.from({ length: batch }, () => ["u__rand_int__", "1", "0"]).flat(),
        ],
      });
      return {
        joinsPerSec: (result?.rps ?? 0) * batch,
        p50Ms: result?.p50Ms,
        p99Ms: result?.p99Ms,
      };
    };
    const lone = await joinViaBenchmark(1);
    const batched = await joinViaBenchmark(options.joinBatch);

    // Our client: distinct buyers, the way a crowd joins.
    const viaNode = randomUUID();
    await store.putSettings(viaNode, openQueueSettings(100, 100), 3_600_000);
    const joinViaNodeRps = await throughput(
      options.joins,
      CONNECTIONS * IN_FLIGHT_PER_CONNECTION,
      (index) =>
        (stores[index % CONNECTIONS] as QueueStore).join({
          performanceId: viaNode,
          userId: `u${index}`,
          newConnection: true,
        }),
    );

    const nodeBatches = [...batchSizes];
    const nodeBatchSizes = {
      mean: nodeBatches.reduce((sum, size) => sum + size, 0) / Math.max(1, nodeBatches.length),
      p50: percentile(nodeBatches, 0.5),
      p90: percentile(nodeBatches, 0.9),
      calls: nodeBatches.length,
    };

    // Admission in batches of 1,000 from the line just built, with unlimited room and pace.
    await store.putSettings(viaNode, openQueueSettings(10_000_000, 10_000_000), 3_600_000);
    const waiting = await main.zcard(store.keys(viaNode).waiting);
    const admitStarted = performance.now();
    let admitted = 0;
    while (admitted < waiting) {
      const outcome = await store.advance({
        performanceId: viaNode,
        minIntervalMs: 0,
        maxAdmissions: 1_000,
      });
      if (outcome.status !== "advanced" || outcome.admitted.length === 0) break;
      admitted += outcome.admitted.length;
    }
    const admissionsPerSec = admitted / ((performance.now() - admitStarted) / 1_000);

    const overAdmission = await raceForSlots(stores, main);

    report("Lua scripts vs redis-benchmark (loopback, same Redis, same run)", [
      ...ceiling.map((result): [string, string] => [
        `redis-benchmark ${result.test} (50 clients)`,
        `${formatRate(result.rps)}  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms`,
      ]),
      [
        "redis-benchmark EVALSHA join.lua, 1 buyer a call (50 clients)",
        `${formatRate(lone.joinsPerSec)} joins  p50 ${lone.p50Ms} ms  p99 ${lone.p99Ms} ms  = ${share(lone.joinsPerSec)} % of INCR`,
      ],
      [
        `redis-benchmark EVALSHA join.lua, ${options.joinBatch} buyers a call (50 clients)`,
        `${formatRate(batched.joinsPerSec)} joins  call p50 ${batched.p50Ms} ms  p99 ${batched.p99Ms} ms  = ${share(batched.joinsPerSec)} % of INCR`,
      ],
      [
        `QueueStore.join from Node (${CONNECTIONS} connections x ${IN_FLIGHT_PER_CONNECTION} in flight)`,
        `${formatRate(joinViaNodeRps)} over ${options.joins.toLocaleString("en-US")} distinct buyers  = ${share(joinViaNodeRps)} % of INCR`,
      ],
      [
        "... buyers per join call it formed",
        `mean ${round(nodeBatchSizes.mean)}  p50 ${nodeBatchSizes.p50}  p90 ${nodeBatchSizes.p90}  (${nodeBatchSizes.calls.toLocaleString("en-US")} calls)`,
      ],
      ["advance.lua admissions (batches of 1,000)", formatRate(admissionsPerSec)],
      ["over-admission in the slot race", overAdmission],
    ]);

    return {
      incrRps: incr?.rps ?? 0,
      joinBatch: options.joinBatch,
      loneJoinViaRedisBenchmarkRps: lone.joinsPerSec,
      joinViaRedisBenchmarkRps: batched.joinsPerSec,
      joinViaNodeRps,
      nodeBatchSizes,
      admissionsPerSec,
      overAdmission,
    };
  } finally {
    await Promise.all(connections.map((redis) => redis.quit()));
  }
}

/**
 * Four connections join 20,000 buyers while each also ticks and frees random slots; a fifth
 * watches the working set. Answers how far it ever went beyond maxActive (must be 0).
 */
async function raceForSlots(stores: QueueStore[], watcher: Redis): Promise<number> {
  const maxActive = 1_000;
  const performanceId = randomUUID();
  const [first] = stores as [QueueStore, ...QueueStore[]];
  await first.putSettings(performanceId, openQueueSettings(maxActive, 1_000_000), 3_600_000);
  const activeKey = first.keys(performanceId).active;
  const race = { running: true, highest: 0 };
  const watching = (async () => {
    while (race.running) race.highest = Math.max(race.highest, await watcher.zcard(activeKey));
  })();
  let next = 0;
  await Promise.all([
    ...stores.flatMap((store) =>
      Array.from({ length: 32 }, async () => {
        while (next < 20_000) {
          await store.join({ performanceId, userId: `r${next++}`, newConnection: true });
        }
      }),
    ),
    ...stores.map(async (store) => {
      for (let round = 0; round < 200; round++) {
        await store.advance({ performanceId, minIntervalMs: 0, maxAdmissions: 1_000 });
        const [someone] = await watcher.zrandmember(activeKey, 1);
        if (someone !== undefined) {
          await store.release({ performanceId, userId: someone, reason: "left" });
        }
      }
    }),
  ]);
  race.running = false;
  await watching;
  return Math.max(0, race.highest - maxActive);
}
