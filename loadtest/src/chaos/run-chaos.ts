import { randomBytes, randomInt } from "node:crypto";
import { setMaxListeners } from "node:events";
import { closeRedis, createRedis } from "@ticketping/common/redis";
import type { BuyerPersistence } from "../buyer/context";
import { crowdContext } from "../buyer/crowd-context";
import { planBuyers } from "../buyer/plan";
import { progressLine } from "../buyer/progress-line";
import { runCrowd } from "../buyer/run-crowd";
import { HttpClient } from "../clients/http-client";
import { WebApi } from "../clients/web-api";
import { collectFacts } from "../invariants/collect-facts";
import { checkInvariants } from "../invariants/rules";
import { settleAndCheck } from "../invariants/settle";
import { WorkingSetSampler } from "../invariants/working-set-sampler";
import { Recorder } from "../metrics/recorder";
import { createRandom } from "../random";
import { seedBuyers } from "../seed/seed-buyers";
import { seedSale } from "../seed/seed-sale";
import { startChaosSystem } from "./chaos-system";
import { collectChaosFacts } from "./collect-chaos-facts";
import { chaosFaults } from "./faults";
import type { ChaosOptions } from "./options";
import { PatientHttp } from "./patient-http";
import { PlaceTracker } from "./place-tracker";
import { WebDatabaseProbe } from "./probes";
import { buildChaosReport, type ChaosReport } from "./report";
import { chaosRules, type ChaosFacts } from "./rules";
import { runFaults } from "./run-faults";

const ACK_TIMEOUT_MS = 15_000;
const HTTP_TIMEOUT_MS = 30_000;
const MAX_HTTP_CONNECTIONS = 1_024;
/** The load test's money check accepts any late refund; the chaos run's own two replace it. */
const replacedRules = new Set(["paid-confirmed"]);
/** Checks that wait on the worker (expiries, confirmations, refunds, the relay). */
const settling = new Set([
  "paid-in-time-confirmed",
  "paid-late-refunded",
  "lapsed-expired",
  "no-stale-pending",
  "redis-agrees",
  "outbox-published",
]);
/** What a buyer meets by coming back to the waiting room with a fresh ticket and socket. */
const persistence: BuyerPersistence = {
  maxReconnects: 30,
  retryDelayMs: 1_000,
  retryableCodes: new Set([
    "TIMEOUT",
    "INTERNAL",
    "SERVICE_UNAVAILABLE",
    "RATE_LIMITED",
    "CONNECT_FAILED",
    "DISCONNECTED",
    "ECONNREFUSED",
    "ECONNRESET",
    "HTTP_502",
    "HTTP_503",
  ]),
};

/** The run was stopped before its end; everything it started is stopped and removed. */
export class ChaosRunStopped extends Error {
  constructor() {
    super("the chaos run was stopped before its end");
    this.name = "ChaosRunStopped";
  }
}

export interface ChaosResult {
  report: ChaosReport;
}

/**
 * One chaos run: the run's own servers and the system, a flash crowd, and the five faults
 * injected one after another while it runs; then a bounded settle, the checks, the figures.
 * Everything it started is stopped and removed at the end, also on failure or `stopSignal`.
 */
export async function runChaos(
  options: ChaosOptions,
  {
    log = () => undefined,
    stopSignal,
    keepServiceLogs,
  }: {
    log?: (line: string) => void;
    stopSignal?: AbortSignal;
    /** Given what the services logged at warn and above, also when the run fails. */
    keepServiceLogs?: (logs: string) => Promise<void>;
  } = {},
): Promise<ChaosResult> {
  const startedAt = new Date();
  const runId = randomBytes(4).toString("hex");
  const seed = options.seed ?? randomInt(2 ** 31 - 1);
  const random = createRandom(seed);
  log(`chaos run ${runId} (seed ${seed}): starting its own servers and the system`);
  const system = await startChaosSystem({ options, runId, log });
  const redis = createRedis({ url: system.redis.url, connectionName: `chaos-${runId}` });
  const http = new HttpClient(system.webUrl, {
    maxSockets: Math.min(options.buyers, MAX_HTTP_CONNECTIONS),
    timeoutMs: HTTP_TIMEOUT_MS,
  });
  const stop = new AbortController();
  const onStop = () => {
    stop.abort();
  };
  stopSignal?.addEventListener("abort", onStop, { once: true });
  let webProbe: WebDatabaseProbe | undefined;
  try {
    const prisma = system.database.prisma;
    const sale = await seedSale(prisma, options);
    const identities = await seedBuyers(prisma, {
      count: options.buyers,
      runId,
      nextAuthSecret: system.nextAuthSecret,
    });
    const [prober] = await seedBuyers(prisma, {
      count: 1,
      runId: `${runId}-probe`,
      nextAuthSecret: system.nextAuthSecret,
    });
    if (!prober) throw new Error("no probe buyer");
    const plans = planBuyers(options.buyers, options, random);
    log(`system up in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`);

    const recorder = new Recorder();
    const sampler = new WorkingSetSampler({
      redis,
      keyPrefix: system.keyPrefix,
      performanceId: sale.performanceId,
      intervalMs: 100,
      now: () => recorder.now(),
    });
    const places = new PlaceTracker(() => recorder.now());
    const checkpoints = new EventTarget();
    // Every waiting buyer listens: thousands of listeners, no leak.
    setMaxListeners(0, checkpoints);
    const patient = new PatientHttp(http, {
      patienceMs: options.recoveryLimit * 1_000,
      pauseMs: 1_000,
      signal: stop.signal,
    });
    const probe = new WebDatabaseProbe({
      webUrl: system.webUrl,
      cookie: prober.cookie,
      intervalMs: 250,
    });
    webProbe = probe;
    const plannedFaults = chaosFaults({
      system,
      prisma,
      scheduleId: sale.scheduleId,
      places,
      webProbe: probe,
      durations: {
        workerDownMs: options.workerDown * 1_000,
        kafkaDownMs: options.kafkaDown * 1_000,
        redisDownMs: options.redisDown * 1_000,
        postgresDownMs: options.postgresDown * 1_000,
      },
    });

    sampler.start();
    probe.start();
    const crowd = runCrowd({
      identities,
      plans,
      timeLimitSeconds: options.timeLimit,
      stopSignal: stop.signal,
      log,
      progressLine: (finished) => progressLine(recorder.now(), finished, options.buyers, sampler),
      context: crowdContext({
        web: new WebApi(patient),
        recorder,
        random,
        seed,
        sale,
        holdTtlSeconds: options.holdTtl,
        lapseRate: options.lapseRate,
        ackTimeoutMs: ACK_TIMEOUT_MS,
        observeWorkingSet: (active) => {
          sampler.observe(active);
        },
        extra: { persistence, places, checkpoints, payDelayMs: [1_000, options.payDelay * 1_000] },
      }),
    });
    const faults = runFaults({
      faults: plannedFaults,
      healthUrls: () => system.healthUrls(),
      gapMs: options.faultGap * 1_000,
      recoveryLimitMs: options.recoveryLimit * 1_000,
      signal: stop.signal,
      log,
      afterEach: () => checkpoints.dispatchEvent(new Event("checkpoint")),
    });
    const [buyers, records] = await Promise.all([crowd, faults]);
    // Stopped from outside (Ctrl-C): the checks would judge a run cut short, and the
    // servers may have had the same signal; only the cleaning up is left to do.
    if (stop.signal.aborted) throw new ChaosRunStopped();
    const buyersMs = recorder.now();
    await Promise.all([sampler.stop(), probe.stop()]);
    log(`buyers done in ${(buyersMs / 1000).toFixed(1)} s; letting the worker settle`);

    const settleStart = Date.now();
    let chaosFacts: ChaosFacts | undefined;
    const invariants = await settleAndCheck({
      check: async () => {
        const [facts, own] = await Promise.all([
          collectFacts({
            prisma,
            redis,
            keyPrefix: system.keyPrefix,
            scheduleId: sale.scheduleId,
            maxActive: options.maxActive,
            workingSet: {
              maxSampled: sampler.maxSampled,
              samples: sampler.samples,
              maxSeenByBuyers: sampler.maxSeenByBuyers,
            },
            buyers,
          }),
          collectChaosFacts({
            prisma,
            scheduleId: sale.scheduleId,
            places,
            faults: records,
            plannedFaults: plannedFaults.map((fault) => fault.name),
            webProbe: probe,
          }),
        ]);
        chaosFacts = own;
        return [
          ...checkInvariants(facts).filter((result) => !replacedRules.has(result.id)),
          ...chaosRules.map((rule) => rule(own)),
        ];
      },
      settling,
      deadline: settleStart + options.holdTtl * 1_000 + 30_000,
      stopSignal: stop.signal,
    });
    if (!chaosFacts) throw new Error("no facts were read");
    const sold = await prisma.seat.count({
      where: { scheduleId: sale.scheduleId, status: "SOLD" },
    });
    const report = buildChaosReport({
      runId,
      seed,
      options,
      startedAt,
      finishedAt: new Date(),
      buyers,
      sold,
      facts: chaosFacts,
      invariants,
      recorder,
      troubles: patient.troubles,
      workingSet: {
        maxSampled: sampler.maxSampled,
        samples: sampler.samples,
        failedReads: sampler.failedReads,
      },
    });
    return { report };
  } finally {
    await keepServiceLogs?.(system.serviceLogs()).catch(() => undefined);
    stop.abort();
    stopSignal?.removeEventListener("abort", onStop);
    await webProbe?.stop();
    http.close();
    await closeRedis(redis).catch(() => undefined);
    await system.stop();
  }
}
