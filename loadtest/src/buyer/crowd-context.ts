import type { WebApi } from "../clients/web-api";
import type { Recorder } from "../metrics/recorder";
import { createRandom, type Random } from "../random";
import type { BuyerContext } from "./context";
import { lapseDecider } from "./plan";

/**
 * The context each buyer of a crowd gets, as the load test and the chaos run both build it:
 * one sale, one recorder, the run's seeded choices, and every progress broadcast reported to
 * the working-set sampler. `extra` adds what only one kind of run has (faults' persistence).
 */
export function crowdContext({
  web,
  recorder,
  random,
  seed,
  sale,
  holdTtlSeconds,
  lapseRate,
  ackTimeoutMs,
  observeWorkingSet,
  extra = {},
}: {
  web: WebApi;
  recorder: Recorder;
  random: Random;
  seed: number;
  sale: { performanceId: string; scheduleId: string };
  holdTtlSeconds: number;
  lapseRate: number;
  ackTimeoutMs: number;
  observeWorkingSet: (active: number) => void;
  extra?: Partial<BuyerContext>;
}): (signal: AbortSignal) => BuyerContext {
  // One lapse sequence per run, apart from the other choices, so a seed repeats it.
  const decideLapse = lapseDecider(lapseRate, createRandom(seed ^ 0x5eed));
  return (signal) => ({
    web,
    recorder,
    random,
    performanceId: sale.performanceId,
    scheduleId: sale.scheduleId,
    holdTtlMs: holdTtlSeconds * 1_000,
    decideLapse,
    ackTimeoutMs,
    signal,
    observeWorkingSet,
    ...extra,
  });
}
