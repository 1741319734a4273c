// `npm run bench -w @ticketping/queue-service`: loopback only, bounded, stops by itself.
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { Redis } from "ioredis";
import { createTestDatabase } from "@ticketping/db/testing";
import { benchEnv } from "./env";
import { formatRate, report, round } from "./figures";
import { measureLua } from "./lua-throughput";
import { killStartedServers, measureSockets } from "./socket-load";

const watchdog = setTimeout(() => {
  console.error(`benchmark exceeded ${benchEnv.BENCH_TIMEOUT_SECONDS} s; stopping`);
  killStartedServers();
  process.exit(2);
}, benchEnv.BENCH_TIMEOUT_SECONDS * 1_000);
watchdog.unref();

const { hostname } = new URL(benchEnv.REDIS_URL);
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(hostname)) {
  console.error("the benchmark only runs against a Redis on loopback");
  process.exit(1);
}

/** How late a waiting buyer may learn of the line's progress, at worst. */
const BROADCAST_TARGET_MS = 3_000;

const keyPrefix = `bench:${randomUUID().slice(0, 8)}:`;
const redis = new Redis(benchEnv.REDIS_URL);
const database = await createTestDatabase({ label: "queue_bench" });

async function deleteBenchKeys(): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 5_000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
}

let failed: boolean;
try {
  // Everything shares this machine's cores: the load says how much else was running.
  console.log(
    `queue-service benchmark on ${new Date().toISOString()}, ${cpus().length} cores, load average ${loadavg()
      .map((load) => round(load, 2))
      .join(" / ")}`,
  );
  const lua = await measureLua({
    redisUrl: benchEnv.REDIS_URL,
    keyPrefix,
    joins: benchEnv.BENCH_LUA_JOINS,
    benchmarkRequests: benchEnv.BENCH_REDIS_BENCHMARK_REQUESTS,
    joinBatch: benchEnv.BENCH_JOIN_BATCH,
  });
  const sockets = await measureSockets({
    database,
    redisUrl: benchEnv.REDIS_URL,
    keyPrefix,
    sockets: benchEnv.BENCH_SOCKETS,
    burstJoins: benchEnv.BENCH_BURST_JOINS,
    burstSeconds: benchEnv.BENCH_BURST_SECONDS,
    clientProcesses: benchEnv.BENCH_CLIENT_PROCESSES,
    serverProcesses: benchEnv.BENCH_SERVER_PROCESSES,
    serverNodeOptions: benchEnv.BENCH_SERVER_NODE_OPTIONS,
  });

  const memoryRatio = sockets.queue.bytesPerConnection / sockets.bare.bytesPerConnection;
  const privateDirtyRatio =
    sockets.queue.privateDirtyPerConnection / sockets.bare.privateDirtyPerConnection;
  const joinShare = lua.joinViaRedisBenchmarkRps / lua.incrRps;
  const checks: [string, string, boolean][] = [
    [
      "over-admission",
      `${lua.overAdmission + sockets.overAdmission} (target 0)`,
      lua.overAdmission + sockets.overAdmission === 0,
    ],
    [
      "burst join-ack p99",
      `${round(sockets.burstP99Ms, 1)} ms (target < 500 ms)`,
      sockets.burstP99Ms < 500,
    ],
    [
      "broadcast p99 (worst of three)",
      `${round(sockets.queue.broadcastP99Ms)} ms vs bare ${round(sockets.bare.broadcastP99Ms)} ms (target < ${BROADCAST_TARGET_MS} ms: news within a few seconds)`,
      sockets.queue.broadcastP99Ms < BROADCAST_TARGET_MS,
    ],
    [
      "memory per waiting socket vs bare",
      `${round(sockets.queue.bytesPerConnection / 1_024, 2)} KiB vs ${round(sockets.bare.bytesPerConnection / 1_024, 2)} KiB = ${round(memoryRatio, 2)}x (target <= 1.3x)`,
      memoryRatio <= 1.3,
    ],
    [
      `join.lua, ${lua.joinBatch} buyers a call (redis-benchmark EVALSHA), joins vs INCR`,
      `${formatRate(lua.joinViaRedisBenchmarkRps)} vs ${formatRate(lua.incrRps)} = ${round(joinShare * 100)} % (target >= 50 %)`,
      joinShare >= 0.5,
    ],
  ];
  console.log(
    `\nload average at the end: ${loadavg()
      .map((load) => round(load, 2))
      .join(" / ")}`,
  );
  report("Targets", [
    ...checks.map(([name, value, met]): [string, string] => [
      name,
      `${value}  ${met ? "met" : "MISSED"}`,
    ]),
    [
      "memory per waiting socket vs bare, Private_Dirty",
      `${round(sockets.queue.privateDirtyPerConnection / 1_024, 2)} KiB vs ${round(sockets.bare.privateDirtyPerConnection / 1_024, 2)} KiB = ${round(privateDirtyRatio, 2)}x`,
    ],
    [
      "join.lua, 1 buyer a call (redis-benchmark) vs INCR",
      `${formatRate(lua.loneJoinViaRedisBenchmarkRps)} vs ${formatRate(lua.incrRps)}`,
    ],
    [
      "QueueStore.join from Node vs INCR ceiling",
      `${formatRate(lua.joinViaNodeRps)} vs ${formatRate(lua.incrRps)} (mean ${round(lua.nodeBatchSizes.mean)} buyers a call)`,
    ],
  ]);
  failed = checks.some(([, , met]) => !met);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await deleteBenchKeys();
  await redis.quit();
  await database.drop();
}
process.exit(failed ? 1 : 0);
