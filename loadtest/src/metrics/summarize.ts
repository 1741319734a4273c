import { summarize, type LatencySummary } from "./percentiles";
import type { Recorder } from "./recorder";
import { stepNames, steps, type StepName } from "./steps";

export interface StepSummary {
  step: StepName;
  kind: "request" | "async";
  what: string;
  ok: number;
  failed: number;
  /** Successful steps per second over the span in which this step ran. */
  throughputPerSec: number;
  latencyMs: LatencySummary | null;
  errorsByCode: Record<string, number>;
}

export interface Histogram {
  buckets: { label: string; fromMs: number; toMs: number | null; count: number }[];
}

export function summarizeSteps(recorder: Recorder): StepSummary[] {
  return stepNames.flatMap((step) => {
    const samples = recorder.samples.get(step) ?? [];
    const errors = recorder.errors.get(step) ?? new Map<string, number>();
    const failed = [...errors.values()].reduce((sum, count) => sum + count, 0);
    if (samples.length === 0 && failed === 0) return [];
    return [
      {
        step,
        kind: steps[step].kind,
        what: steps[step].what,
        ok: samples.length,
        failed,
        throughputPerSec: throughput(samples),
        latencyMs: summarize(samples.map((sample) => sample.durationMs)),
        errorsByCode: Object.fromEntries(errors),
      },
    ];
  });
}

/** Completions per second between the first start and the last end (all of them for one). */
export function throughput(samples: readonly { endMs: number; durationMs: number }[]): number {
  if (samples.length === 0) return 0;
  let first = Infinity;
  let last = -Infinity;
  for (const { endMs, durationMs } of samples) {
    first = Math.min(first, endMs - durationMs);
    last = Math.max(last, endMs);
  }
  const seconds = (last - first) / 1000;
  return seconds > 0 ? samples.length / seconds : samples.length;
}

const queueBuckets = [0, 1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000];

/** Time in queue, counted in buckets from "under a second" to "over five minutes". */
export function histogram(valuesMs: readonly number[], bounds = queueBuckets): Histogram {
  const buckets = bounds.map((fromMs, index) => {
    const toMs = bounds[index + 1] ?? null;
    const label = toMs === null ? `≥ ${seconds(fromMs)}` : `${seconds(fromMs)}–${seconds(toMs)}`;
    return { label, fromMs, toMs, count: 0 };
  });
  for (const value of valuesMs) {
    const bucket = buckets.findLast((candidate) => value >= candidate.fromMs);
    if (bucket) bucket.count++;
  }
  return { buckets };
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
