import { randomBytes, randomInt } from "node:crypto";
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { closeRedis, createRedis } from "@ticketping/common/redis";
import { deleteKeysMatching } from "@ticketping/common/testing";
import { measureBareConnects } from "./bare/measure-bare-connects";
import type { BuyerResult } from "./buyer/context";
import { planBuyers } from "./buyer/plan";
import { progressLine } from "./buyer/progress-line";
import { startForkedGenerators } from "./crowd/forked-generators";
import { inProcessGenerators, LOAD_GENERATOR } from "./crowd/in-process-generators";
import type { LoadGenerators } from "./crowd/load-generators";
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
import { processLayout, type ProcessLayout } from "./system/process-layout";
import { cpuSeconds, peakRssMiB, treePeakRssMiB } from "./system/process-stats";
import { joinLimitPerIpPerMin } from "./system/service-env";
import { startSystem, type RunningSystem } from "./system/start-system";
import { waitForConsumers, type ConsumerCatchUp } from "./system/wait-for-consumers";

/** Invariants that wait on the worker (expiries, confirmations): checked again until they hold. */
const settling = new Set(["paid-confirmed", "lapsed-expired", "no-stale-pending", "redis-agrees"]);
const SAMPLE_INTERVAL_MS = 100;
const ACK_TIMEOUT_MS = 30_000;
const HTTP_TIMEOUT_MS = 30_000;
/** The most the crowd waits for the consumer groups to read the topics' history. */
const CATCH_UP_TIMEOUT_MS = 120_000;

export interface LoadTestResult {
  report: LoadTestReport;
  recorder: Recorder;
  /** Every buyer's result, in the order they were seeded. */
  buyers: readonly BuyerResult[];
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
  const layout = processLayout(options);
  log(
    `run ${runId} (seed ${seed}): starting the database, queue service ` +
      `(${layout.queueProcesses} process(es)), worker and web app; ` +
      `buyers in ${layout.clientProcesses} client process(es)`,
  );
  const system = await startSystem({
    options,
    runId,
    overrides: { "queue-service": { QUEUE_PROCESSES: String(layout.queueProcesses) } },
    ...profileFlags(options.profileDir),
    backgroundNice: options.backgroundNice,
  });
  const redis = createRedis({ url: env.REDIS_URL, connectionName: `loadtest-${runId}` });
  let sale: SeededSale | undefined;
  let generators: LoadGenerators | undefined;
  try {
    generators =
      layout.clientProcesses > 1
        ? await startForkedGenerators({
            processes: layout.clientProcesses,
            seed,
            httpConnections: layout.httpConnections,
            bareTimeoutMs: ACK_TIMEOUT_MS,
          })
        : inProcessGenerators({
            random,
            seed,
            httpConnections: layout.httpConnections,
            bareTimeoutMs: ACK_TIMEOUT_MS,
          });
    const prisma = system.database.prisma;
    const seeded = await seedSale(prisma, options);
    sale = seeded;
    const identities = await seedBuyers(prisma, {
      count: options.buyers,
      runId,
      nextAuthSecret: system.nextAuthSecret,
    });
    const plans = planBuyers(options.buyers, options, random);
    const catchUp = await waitForConsumers({
      brokers: env.KAFKA_BROKERS.split(","),
      groups: system.consumerGroups,
      timeoutMs: CATCH_UP_TIMEOUT_MS,
      signal: stopSignal,
    });
    log(catchUpNote(catchUp));
    const setupMs = Date.now() - startedAt.getTime();
    log(
      `system up in ${(setupMs / 1000).toFixed(1)} s: web ${system.webUrl}, queue ${system.queueUrl}`,
    );

    // The bare reference first, on an idle system, so that the crowd's figures have theirs.
    const bareConnects = await measureBareConnects({
      count: options.buyers,
      timeoutMs: ACK_TIMEOUT_MS,
      serverProcesses: layout.queueProcesses,
      opener: generators.bare,
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
    const cpuAtStart = cpuSnapshot(system, generators);
    sampler.start();
    const { results, shares } = await generators.runCrowd({
      settings: {
        webUrl: system.webUrl,
        door:
          options.door === "session"
            ? { kind: "session", queueUrl: system.queueUrl }
            : { kind: "ticket" },
        sale: { performanceId: seeded.performanceId, scheduleId: seeded.scheduleId },
        holdTtlSeconds: options.holdTtl,
        lapseRate: options.lapseRate,
        timeLimitSeconds: options.timeLimit,
        ackTimeoutMs: ACK_TIMEOUT_MS,
        httpTimeoutMs: HTTP_TIMEOUT_MS,
      },
      identities,
      plans,
      recorder,
      stopSignal,
      log,
      progressLine: (finished) => progressLine(recorder.now(), finished, options.buyers, sampler),
      observeWorkingSet: (active) => {
        sampler.observe(active);
      },
    });
    const buyersMs = recorder.now();
    const processes = processFigures(system, generators, layout, cpuAtStart, buyersMs);
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
      scenario: {
        ...options,
        clientProcesses: layout.clientProcesses,
        queueProcesses: layout.queueProcesses,
        seed,
      },
      setup: [...setupNotes(options, layout), catchUpNote(catchUp)],
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
      clients: shares,
      sales: {
        seats: options.seats,
        sold,
        purchases: results.filter((buyer) => buyer.outcome === "purchased").length,
      },
      invariants,
    });
    return { report, recorder, buyers: results, serviceLogs: system.serviceLogs() };
  } finally {
    await generators?.close();
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

type CpuSnapshot = Record<keyof RunningSystem["pids"], number | null> & {
  loadtest: NodeJS.CpuUsage;
  clients: (number | null)[];
};

function cpuSnapshot(system: RunningSystem, generators: LoadGenerators): CpuSnapshot {
  return {
    web: cpuSeconds(system.pids.web),
    "queue-service": cpuSeconds(system.pids["queue-service"]),
    worker: cpuSeconds(system.pids.worker),
    loadtest: process.cpuUsage(),
    clients: generators.clients.map((client) => cpuSeconds(client.pid)),
  };
}

/**
 * CPU each process used while the buyers ran (in cores on average), and its peak memory:
 * the queue service's processes added up, and every client process on a row of its own.
 */
function processFigures(
  system: RunningSystem,
  generators: LoadGenerators,
  layout: ProcessLayout,
  before: CpuSnapshot,
  wallMs: number,
): ProcessFigures[] {
  const after = cpuSnapshot(system, generators);
  const used = (start: number | null | undefined, end: number | null | undefined) =>
    start !== null && start !== undefined && end !== null && end !== undefined ? end - start : null;
  const queuePid = system.pids["queue-service"];
  const figures: Omit<ProcessFigures, "cores">[] = [
    {
      name: "web",
      cpuSeconds: used(before.web, after.web),
      peakRssMiB: peakRssMiB(system.pids.web),
    },
    layout.queueProcesses > 1
      ? {
          name: `queue-service (primary + ${layout.queueProcesses} processes, added up)`,
          cpuSeconds: used(before["queue-service"], after["queue-service"]),
          peakRssMiB: treePeakRssMiB(queuePid),
        }
      : {
          name: "queue-service",
          cpuSeconds: used(before["queue-service"], after["queue-service"]),
          peakRssMiB: peakRssMiB(queuePid),
        },
    {
      name: "worker",
      cpuSeconds: used(before.worker, after.worker),
      peakRssMiB: peakRssMiB(system.pids.worker),
    },
  ];
  const own = process.cpuUsage(before.loadtest);
  figures.push({
    name: LOAD_GENERATOR,
    cpuSeconds: (own.user + own.system) / 1e6,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
  generators.clients.forEach((client, index) => {
    figures.push({
      name: client.name,
      cpuSeconds: used(before.clients[index], after.clients[index]),
      peakRssMiB: peakRssMiB(client.pid),
    });
  });
  return figures.map((entry) => ({
    ...entry,
    cores: entry.cpuSeconds === null ? null : entry.cpuSeconds / (wallMs / 1000),
  }));
}

function setupNotes(options: LoadTestOptions, layout: ProcessLayout): string[] {
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
      "joins from loopback (127.0.0.1, or its client process's address), so the per-address " +
      "limit must admit all of them at once. The " +
      "per-user limits (joins, tickets) stay as shipped.",
    "Buyers are signed in with next-auth session JWTs minted with the web app's secret " +
      "(the credentials flow would measure bcrypt, not the sale). The Simulated payment " +
      "provider: the payment page posts a Stripe-format signed webhook to the real webhook route.",
    layout.clientProcesses > 1
      ? `The buyers run in ${layout.clientProcesses} client processes, an even share each, each ` +
        `connecting from its own loopback address (127.0.0.2 on) with at most ` +
        `${layout.httpConnections} keep-alive connections to the web app; each buyer has its own ` +
        "Socket.IO connection. Each process's seat choices and lapses follow their own sequence " +
        "from the seed."
      : `All buyers share at most ${layout.httpConnections} keep-alive connections to the web app; ` +
        "each has its own Socket.IO connection.",
    `QUEUE_PROCESSES=${layout.queueProcesses} (shipped: 1): ` +
      (layout.queueProcesses > 1
        ? "several queue-service processes behind the one port, as a box holding more sockets " +
          "than one process may open runs it; the bare reference runs in as many processes."
        : "the queue service in one process, as shipped."),
    ...(options.backgroundNice > 0
      ? [
          `The queue service and the worker ran at niceness ${options.backgroundNice}, the web ` +
            "app at 0: on this one box the admitted buyers' requests go first when the crowd's " +
            "handshakes and the worker's settling want the CPU too (the claim, a socket step, " +
            "is the queue service's and may get slower).",
        ]
      : []),
  ];
}

/** Both services profiled into the same directory (file names carry the process id). */
function profileFlags(profileDir: string | undefined) {
  if (!profileDir) return {};
  const dir = path.resolve(env.INIT_CWD ?? process.cwd(), profileDir);
  mkdirSync(dir, { recursive: true });
  const flags = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
  return { queueNodeFlags: flags, workerNodeFlags: flags };
}

function catchUpNote(catchUp: ConsumerCatchUp): string {
  const waited = `${(catchUp.waitedMs / 1000).toFixed(1)} s`;
  const what =
    `the consumer groups' Kafka history (${catchUp.backlog} messages unread once all had ` +
    "their partitions; a new worker group reads every topic from its oldest message)";
  return catchUp.caughtUp
    ? `Before the crowd: ${what} read in ${waited}.`
    : `Before the crowd: ${what} NOT read after ${waited} (the bound): ` +
        (catchUp.remaining === null
          ? "a group never got its partitions."
          : `${catchUp.remaining} messages still unread; the crowd went in regardless.`);
}
