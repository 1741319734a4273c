import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { buyerOutcomes, type BuyerOutcome, type BuyerResult } from "../buyer/context";
import type { BareConnects } from "../bare/measure-bare-connects";
import type { ClientShare } from "../crowd/load-generators";
import type { InvariantResult } from "../invariants/rules";
import type { QueueSample } from "../invariants/working-set-sampler";
import type { LoadTestOptions } from "../options";
import { summarize, type LatencySummary } from "../metrics/percentiles";
import type { Recorder } from "../metrics/recorder";
import { histogram, summarizeSteps, type Histogram, type StepSummary } from "../metrics/summarize";
import type { StepName } from "../metrics/steps";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the buyers started and when they were done. */
  loadAverage: { start: number; end: number };
}

/** What one process of the run used while the buyers ran. */
export interface ProcessFigures {
  name: string;
  cpuSeconds: number | null;
  /** CPU seconds per second of the buyers' phase: 1.0 is one core busy throughout. */
  cores: number | null;
  peakRssMiB: number | null;
}

export interface LoadTestReport {
  passed: boolean;
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** The run's options, without where the report and profiles went (local paths that say nothing). */
  scenario: Omit<LoadTestOptions, LocalPath> & { seed: number };
  /** What the run changed from the shipped configuration, and why. */
  setup: string[];
  machine: MachineInfo;
  durationsMs: { setup: number; buyers: number; settle: number };
  outcomes: {
    outcome: BuyerOutcome;
    meaning: string;
    count: number;
    codes: Record<string, number>;
  }[];
  steps: StepSummary[];
  timeInQueue: { latencyMs: LatencySummary | null; histogram: Histogram };
  /**
   * How late the load generator's event loops ran their timers (every 50 ms) while the
   * buyers ran, and when it was latest: the steps timed then read that much slower.
   */
  generatorLoopLag: { latencyMs: LatencySummary | null; worstAtMs: number | null };
  errors: { step: StepName; code: string; count: number }[];
  workingSet: {
    maxActive: number;
    maxSampled: number;
    maxSeenByBuyers: number;
    samples: number;
    failedReads: number;
    /** One sample per second: the largest working set and line of that second. */
    perSecond: QueueSample[];
  };
  queueCounters: Record<string, number>;
  /** Bare Socket.IO handshakes measured in the same run, and the front door against them. */
  frontDoor: FrontDoorFigures;
  processes: ProcessFigures[];
  /** Each client process's share of the buyers, as it counted them (one: this process). */
  clients: ClientShare[];
  sales: { seats: number; sold: number; purchases: number };
  invariants: InvariantResult[];
}

export interface FrontDoorFigures {
  bare: BareConnects;
  /** Each per second rate over the bare connect rate; null where the run had no such step. */
  ratios: { ticket: number | null; connect: number | null; frontDoor: number | null };
}

/** The first rows of the steps, set against the bare reference of the same run. */
function frontDoorFigures(steps: readonly StepSummary[], bare: BareConnects): FrontDoorFigures {
  const ratio = (name: StepName): number | null => {
    const step = steps.find((entry) => entry.step === name);
    return step && step.ok > 0 && bare.perSecond > 0
      ? step.throughputPerSec / bare.perSecond
      : null;
  };
  return {
    bare,
    ratios: { ticket: ratio("ticket"), connect: ratio("connect"), frontDoor: ratio("front-door") },
  };
}

export function machineInfo(loadAtStart: number): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  };
}

export function buildReport(input: {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  scenario: LoadTestOptions & { seed: number };
  setup: string[];
  machine: MachineInfo;
  durationsMs: LoadTestReport["durationsMs"];
  recorder: Recorder;
  buyers: readonly BuyerResult[];
  workingSet: Omit<LoadTestReport["workingSet"], "perSecond"> & { timeline: QueueSample[] };
  queueCounters: Record<string, number>;
  bareConnects: BareConnects;
  processes: ProcessFigures[];
  clients: ClientShare[];
  sales: LoadTestReport["sales"];
  invariants: InvariantResult[];
}): LoadTestReport {
  const { recorder, buyers, workingSet } = input;
  const steps = summarizeSteps(recorder);
  return {
    passed: input.invariants.every((invariant) => invariant.passed),
    runId: input.runId,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    scenario: withoutOutputPath(input.scenario),
    setup: input.setup,
    machine: input.machine,
    durationsMs: input.durationsMs,
    outcomes: (Object.keys(buyerOutcomes) as BuyerOutcome[]).map((outcome) => {
      const mine = buyers.filter((buyer) => buyer.outcome === outcome);
      const codes: Record<string, number> = {};
      for (const buyer of mine) {
        if (buyer.code) {
          const key = buyer.failedStep ? `${buyer.failedStep}: ${buyer.code}` : buyer.code;
          codes[key] = (codes[key] ?? 0) + 1;
        }
      }
      return { outcome, meaning: buyerOutcomes[outcome], count: mine.length, codes };
    }),
    steps,
    timeInQueue: {
      latencyMs: summarize(recorder.queueWaitsMs),
      histogram: histogram(recorder.queueWaitsMs),
    },
    generatorLoopLag: {
      latencyMs: summarize(recorder.loopLag.map((sample) => sample.durationMs)),
      worstAtMs:
        recorder.loopLag.length === 0
          ? null
          : recorder.loopLag.reduce((worst, sample) =>
              sample.durationMs > worst.durationMs ? sample : worst,
            ).endMs,
    },
    errors: steps
      .flatMap((step) =>
        Object.entries(step.errorsByCode).map(([code, count]) => ({
          step: step.step,
          code,
          count,
        })),
      )
      .sort((a, b) => b.count - a.count),
    workingSet: {
      maxActive: workingSet.maxActive,
      maxSampled: workingSet.maxSampled,
      maxSeenByBuyers: workingSet.maxSeenByBuyers,
      samples: workingSet.samples,
      failedReads: workingSet.failedReads,
      perSecond: perSecond(workingSet.timeline),
    },
    queueCounters: input.queueCounters,
    frontDoor: frontDoorFigures(steps, input.bareConnects),
    processes: input.processes,
    clients: input.clients,
    sales: input.sales,
    invariants: input.invariants,
  };
}

function perSecond(timeline: readonly QueueSample[]): QueueSample[] {
  const seconds = new Map<number, QueueSample>();
  for (const sample of timeline) {
    const second = Math.floor(sample.atMs / 1000);
    const kept = seconds.get(second);
    seconds.set(second, {
      atMs: second * 1000,
      active: Math.max(kept?.active ?? 0, sample.active),
      waiting: Math.max(kept?.waiting ?? 0, sample.waiting),
    });
  }
  return [...seconds.values()];
}

type LocalPath = "out" | "profileDir";

function withoutOutputPath(
  scenario: LoadTestOptions & { seed: number },
): Omit<LoadTestOptions, LocalPath> & { seed: number } {
  const rest: Omit<LoadTestOptions, LocalPath> & { seed: number } & Partial<
      Pick<LoadTestOptions, LocalPath>
    > = { ...scenario };
  delete rest.out;
  delete rest.profileDir;
  return rest;
}
