import type { QueueProgress } from "./protocol";

/** How long until a buyer's turn, as the waiting room can honestly say it. */
export type WaitEstimate =
  | { kind: "next" }
  | { kind: "unknown" }
  | { kind: "range"; lowSeconds: number; highSeconds: number };

/** Admissions so far at a moment: what the page remembers of each progress broadcast. */
export interface PaceSample {
  at: number;
  admittedTotal: number;
}

const SHORT_WINDOW_MS = 20_000;
const LONG_WINDOW_MS = 120_000;

/** The samples to keep after a broadcast: the last two minutes' worth. */
export function addPaceSample(samples: PaceSample[], progress: QueueProgress): PaceSample[] {
  const kept = samples.filter(
    (sample) => sample.at > progress.at - LONG_WINDOW_MS && sample.at < progress.at,
  );
  kept.push({ at: progress.at, admittedTotal: progress.admittedTotal });
  return kept;
}

/** Admissions a second over the samples of the last `windowMs`; null with too little. */
function paceOver(samples: PaceSample[], windowMs: number): number | null {
  const last = samples.at(-1);
  if (!last) return null;
  const first = samples.find((sample) => sample.at >= last.at - windowMs);
  if (!first || last.at - first.at < 2_000) return null;
  const pace = ((last.admittedTotal - first.admittedTotal) * 1000) / (last.at - first.at);
  return pace > 0 ? pace : null;
}

/**
 * The wait of a buyer with `ahead` people before them, as a range: the fastest and the
 * slowest of the paces measured (the queue's own, smoothed over about ten seconds; the
 * last 20 s and the last two minutes of admissions this page saw). While the pace holds
 * steady the three agree and the range narrows; a pause in admissions (a full working set)
 * widens it instead of throwing the figure about. At the front the answer is "next",
 * whatever the pace: nobody there waits for the others.
 */
export function estimateWait({
  ahead,
  samples,
  serverPace,
}: {
  ahead: number;
  samples: PaceSample[];
  /** progress.throughputPerSec. */
  serverPace: number;
}): WaitEstimate {
  if (ahead <= 0) return { kind: "next" };
  const paces = [
    serverPace > 0 ? serverPace : null,
    paceOver(samples, SHORT_WINDOW_MS),
    paceOver(samples, LONG_WINDOW_MS),
  ].filter((pace): pace is number => pace !== null);
  if (paces.length === 0) return { kind: "unknown" };
  // Buyers ahead are admitted, then this one: `ahead + 1` admissions away.
  const admissions = ahead + 1;
  return {
    kind: "range",
    lowSeconds: admissions / Math.max(...paces),
    highSeconds: admissions / Math.min(...paces),
  };
}
