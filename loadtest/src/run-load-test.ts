import { randomBytes, randomInt } from "node:crypto";
import { loadavg } from "node:os";
import { closeRedis, createRedis } from "@ticketping/common/redis";
import { deleteKeysMatching } from "@ticketping/common/testing";
import { measureBareConnects } from "./bare/measure-bare-connects";
import { crowdContext } from "./buyer/crowd-context";
import { planBuyers } from "./buyer/plan";
import { progressLine } from "./buyer/progress-line";
import { runCrowd } from "./buyer/run-crowd";
import { HttpClient } from "./clients/http-client";
import { WebApi } from "./clients/web-api";
import { env } from "./env";
import { collectFacts } from "./invariants/collect-facts";
import { checkInvariants } from "./invariants/rules";
import { settleAndCheck } from "./invariants/settle";
import { WorkingSetSampler } from "./invariants/working-set-sampler";
import { Recorder } from "./metrics/recorder";
import type { LoadTestOptions } from "./options";
import { createRandom } from "./random";
import {
  buildReport,
  machineInfo,
  type LoadTestReport,
  type ProcessFigures,
} from "./report/build-report";
import { seedBuyers } from "./seed/seed-buyers";
import { seedSale, type SeededSale } from "./seed/seed-sale";
import { cpuSeconds, openFileLimit, peakRssMiB } from "./system/process-stats";
import { joinLimitPerIpPerMin } from "./system/service-env";
import { startSystem, type RunningSystem } from "./system/start-system";

/** Invariants that wait on the worker (expiries, confirmations): checked again until they hold. */
const settling = new Set(["paid-confirmed", "lapsed-expired", "no-stale-pending", "redis-agrees"]);
const SAMPLE_INTERVAL_MS = 100;
const ACK_TIMEOUT_MS = 30_000;
const HTTP_TIMEOUT_MS = 30_000;
/** Connections to the web app shared by all buyers (see HttpClient). */
const MAX_HTTP_CONNECTIONS = 1_024;

export interface LoadTestResult {
  report: LoadTestReport;
  recorder: Recorder;
  /** What the services logged at warn and above, for looking into a failure. */
  serviceLogs: string;
}

/**
 * One run: start the system, seed the sale and the buyers, let them all press "Book" at
 * once, stop at the time limit at the latest, give the worker a bounded time to settle,
 * check the invariants against PostgreSQL and Redis, and clean up after itself.
 */
export async function runLoadTest(
  options: LoadTestOptions,
  {
    log = () => undefined,
    stopSignal,
  }: { log?: (line: string) => void; stopSignal?: AbortSignal } = {},
): Promise<LoadTestResult> {
  const startedAt = new Date();
  const runId = randomBytes(4).toString("hex");
  const seed = options.seed ?? randomInt(2 ** 31 - 1);
  const random = createRandom(seed);
  checkOpenFileLimit(options.buyers);
  log(`run ${runId} (seed ${seed}): starting the database, queue service, worker and web app`);
  const system = await startSystem({ options, runId });
  const redis = createRedis({ url: env.REDIS_URL, connectionName: `loadtest-${runId}` });
  const http = new HttpClient(system.webUrl, {
    maxSockets: Math.min(options.buyers, MAX_HTTP_CONNECTIONS),
    timeoutMs: HTTP_TIMEOUT_MS,
  });
  let sale: SeededSale | undefined;
  try {
    const prisma = system.database.prisma;
    const seeded = await seedSale(prisma, options);
    sale = seeded;
    const identities = await seedBuyers(prisma, {
      count: options.buyers,
      runId,
      nextAuthSecret: system.nextAuthSecret,
    });
    const plans = planBuyers(options.buyers, options, random);
    const setupMs = Date.now() - startedAt.getTime();
    log(
      `system up in ${(setupMs / 1000).toFixed(1)} s: web ${system.webUrl}, queue ${system.queueUrl}`,
    );

    // The bare reference first, on an idle system, so that the crowd's figures have theirs.
    const bareConnects = await measureBareConnects({
      count: options.buyers,
      timeoutMs: ACK_TIMEOUT_MS,
    });
    log(
      `bare Socket.IO: ${bareConnects.ok} of ${bareConnects.attempted} handshakes, ` +
        `${bareConnects.perSecond.toFixed(0)}/s`,
    );

    const recorder = new Recorder();
    const sampler = new WorkingSetSampler({
      redis,
      keyPrefix: system.keyPrefix,
      performanceId: sale.performanceId,
      intervalMs: SAMPLE_INTERVAL_MS,
      now: () => recorder.now(),
    });
    const loadAtStart = loadavg()[0] ?? 0;
    const cpuAtStart = cpuSnapshot(system);
    sampler.start();
    const results = await runCrowd({
      identities,
      plans,
      timeLimitSeconds: options.timeLimit,
      stopSignal,
      log,
      progressLine: (finished) => progressLine(recorder.now(), finished, options.buyers, sampler),
      context: crowdContext({
        web: new WebApi(http),
        recorder,
        random,
        seed,
        sale: seeded,
        holdTtlSeconds: options.holdTtl,
        lapseRate: options.lapseRate,
        ackTimeoutMs: ACK_TIMEOUT_MS,
        observeWorkingSet: (active) => {
          sampler.observe(active);
        },
        extra: {
          door:
            options.door === "session"
              ? { kind: "session", queueUrl: system.queueUrl }
              : { kind: "ticket" },
        },
      }),
    });
    const buyersMs = recorder.now();
    const processes = processFigures(system, cpuAtStart, buyersMs);
    await sampler.stop();
    const machine = machineInfo(loadAtStart);
    log(`buyers done in ${(buyersMs / 1000).toFixed(1)} s; letting the worker settle`);

    const settleStart = Date.now();
    const invariants = await settleAndCheck({
      check: async () =>
        checkInvariants(
          await collectFacts({
            prisma,
            redis,
            keyPrefix: system.keyPrefix,
            scheduleId: seeded.scheduleId,
            maxActive: options.maxActive,
            workingSet: {
              maxSampled: sampler.maxSampled,
              samples: sampler.samples,
              maxSeenByBuyers: sampler.maxSeenByBuyers,
            },
            buyers: results,
          }),
        ),
      settling,
      deadline: settleStart + options.holdTtl * 1_000 + 60_000,
      stopSignal,
    });
    const sold = await prisma.seat.count({
      where: { scheduleId: sale.scheduleId, status: "SOLD" },
    });
    const report = buildReport({
      runId,
      startedAt,
      finishedAt: new Date(),
      scenario: { ...options, seed },
      setup: setupNotes(options),
      machine,
      durationsMs: { setup: setupMs, buyers: buyersMs, settle: Date.now() - settleStart },
      recorder,
      buyers: results,
      workingSet: {
        maxActive: options.maxActive,
        maxSampled: sampler.maxSampled,
        maxSeenByBuyers: sampler.maxSeenByBuyers,
        samples: sampler.samples,
        failedReads: sampler.failedReads,
        timeline: sampler.timeline,
      },
      queueCounters: sampler.counters,
      bareConnects,
      processes,
      sales: {
        seats: options.seats,
        sold,
        purchases: results.filter((buyer) => buyer.outcome === "purchased").length,
      },
      invariants,
    });
    return { report, recorder, serviceLogs: system.serviceLogs() };
  } finally {
    http.close();
    // This run's queue keys and the show's seat-map and hold keys, out of the shared Redis.
    if (sale) {
      await deleteKeysMatching(redis, [`${system.keyPrefix}*`, `*{sch:${sale.scheduleId}}*`]).catch(
        () => undefined,
      );
    }
    await closeRedis(redis);
    await system.stop();
  }
}

function checkOpenFileLimit(buyers: number): void {
  const limit = openFileLimit();
  // One socket per buyer, the shared HTTP connections, and some for everything else; the
  // queue service (same limit, inherited) needs one per buyer too.
  const needed = buyers + Math.min(buyers, MAX_HTTP_CONNECTIONS) + 256;
  if (limit !== null && needed > limit) {
    throw new Error(
      `${buyers} buyers need about ${needed} open files in one process; the limit here is ` +
        `${limit} (ulimit -n). Run fewer buyers or raise the limit.`,
    );
  }
}

type CpuSnapshot = Record<keyof RunningSystem["pids"], number | null> & {
  loadtest: NodeJS.CpuUsage;
};

function cpuSnapshot(system: RunningSystem): CpuSnapshot {
  return {
    web: cpuSeconds(system.pids.web),
    "queue-service": cpuSeconds(system.pids["queue-service"]),
    worker: cpuSeconds(system.pids.worker),
    loadtest: process.cpuUsage(),
  };
}

/** CPU each process used while the buyers ran (in cores on average), and its peak memory. */
function processFigures(
  system: RunningSystem,
  before: CpuSnapshot,
  wallMs: number,
): ProcessFigures[] {
  const after = cpuSnapshot(system);
  const figures: Omit<ProcessFigures, "cores">[] = (
    ["web", "queue-service", "worker"] as const
  ).map((name) => {
    const start = before[name];
    const end = after[name];
    const cpu = start !== null && end !== null ? end - start : null;
    return { name, cpuSeconds: cpu, peakRssMiB: peakRssMiB(system.pids[name]) };
  });
  const own = process.cpuUsage(before.loadtest);
  figures.push({
    name: "load generator (this tool)",
    cpuSeconds: (own.user + own.system) / 1e6,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  return figures.map((entry) => ({
    ...entry,
    cores: entry.cpuSeconds === null ? null : entry.cpuSeconds / (wallMs / 1000),
  }));
}

function setupNotes(options: LoadTestOptions): string[] {
  return [
    "A throwaway database, the built web app (standalone server), queue-service and worker " +
      "on free loopback ports, fresh secrets, their own Redis key prefix and Kafka consumer " +
      "groups; shared PostgreSQL, Redis and Kafka servers.",
    `Queue settings stored on the performance as an organizer would: maxActive ${options.maxActive}, ` +
      `admitRatePerSec ${options.admitRate}, tokenTtlSeconds ${options.tokenTtl}, refuseRatio ${options.refuseRatio}; ` +
      "no proof of work to enter the line (powComplexity 0; shipped: POW_QUEUE_COMPLEXITY, " +
      "8000): the run measures the line and the booking path, the proof of work has a " +
      "benchmark of its own (BENCHMARKS.md).",
    `HOLD_TTL_SECONDS=${options.holdTtl} (shipped: 300), so the holds left to lapse expire within the run; ` +
      `QUEUE_CLAIM_WINDOW_SECONDS=${options.claimWindow}, QUEUE_DISCONNECT_GRACE_SECONDS=${options.disconnectGrace}.`,
    `QUEUE_JOIN_LIMIT_PER_IP_PER_MIN=${joinLimitPerIpPerMin(options.buyers)} (shipped: 600): every buyer ` +
      "joins from 127.0.0.1, so the per-address limit must admit all of them at once. The " +
      "per-user limits (joins, tickets) stay as shipped.",
    "Buyers are signed in with next-auth session JWTs minted with the web app's secret " +
      "(the credentials flow would measure bcrypt, not the sale). The Simulated payment " +
      "provider: the payment page posts a Stripe-format signed webhook to the real webhook route.",
    `All buyers share at most ${MAX_HTTP_CONNECTIONS} keep-alive connections to the web app; ` +
      "each has its own Socket.IO connection.",
  ];
}
