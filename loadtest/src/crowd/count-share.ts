import type { BuyerResult } from "../buyer/context";
import type { Recorder } from "../metrics/recorder";
import type { ShareCounts } from "./crowd-protocol";

/** What one process's buyers did, counted where they ran, to check the run's totals against. */
export function countShare(
  results: readonly BuyerResult[],
  recorder: Recorder,
  bareOk: number,
): ShareCounts {
  const outcomes: Record<string, number> = {};
  for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  let stepSamples = 0;
  for (const samples of recorder.samples.values()) stepSamples += samples.length;
  return { buyers: results.length, outcomes, stepSamples, bareOk };
}
