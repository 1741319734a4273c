import type { PaceState } from "@ticketping/common/queue/store";

/** A sale opens at this share of the organizer's rate (slow start)... */
const START_SHARE = 0.2;
/**
 * ...gains this share of it each step while the booking path is fast... The booking p95
 * answers an admission only seconds later (the buyer's first requests, then the 5 s
 * window), so each step's share is what the pace may overshoot by per second of that lag:
 * in the 5,000-buyer load test a tenth of 50/s climbed to 25-30/s before the first cut,
 * and the admitted buyers' requests waited seconds behind that burst.
 */
const STEP_SHARE = 0.05;
/** ...and this share each step while no web process reports (idle, or not reporting). */
const NO_SIGNAL_STEP_SHARE = 0.02;
/** Never below one admission a second: a slow booking path slows a sale, never stops it. */
const FLOOR_PER_SEC = 1;
/** One step a second, however often the queue ticks. */
export const PACE_STEP_MS = 1_000;
/**
 * After a halving the pace holds this long: the measured p95 covers the last 5 s, and
 * buyers admitted before the cut still arrive at the booking pages meanwhile, so a second
 * halving within it would answer the same overload twice.
 */
export const PACE_HOLD_AFTER_CUT_MS = 3_000;

export interface PaceSignal {
  /** The organizer's admitRatePerSec: the ceiling. */
  ceiling: number;
  /** The booking path's p95 in ms, the slowest web process's; undefined: no signal. */
  bookingP95Ms: number | undefined;
  /** QUEUE_PACE_TARGET_MS. */
  targetMs: number;
  /** Whether the sale is open: until it opens the pace waits at the slow start. */
  open: boolean;
  now: number;
}

/**
 * One step of the admission pace: additive increase while the admitted buyers' requests
 * answer within the target, halving when they do not (as TCP paces a sender by the
 * network's answers), between 1/s and the organizer's rate. Answers `state` itself when no
 * step is due.
 */
export function nextPace(state: PaceState, signal: PaceSignal): PaceState {
  const { ceiling, bookingP95Ms, targetMs, open, now } = signal;
  if (state.pace !== undefined && open && now - state.steppedAt < PACE_STEP_MS) return state;
  const floor = Math.min(FLOOR_PER_SEC, Math.max(ceiling, 0)) || FLOOR_PER_SEC;
  const clamp = (pace: number) => Math.max(floor, Math.min(ceiling, pace));
  const step = (pace: number, cutAt = state.cutAt): PaceState => ({
    pace: clamp(pace),
    steppedAt: now,
    cutAt,
  });
  const current = state.pace;
  if (!open || current === undefined) {
    const start = clamp(ceiling * START_SHARE);
    return current === start && state.cutAt === 0 ? state : step(start, 0);
  }
  if (now - state.cutAt < PACE_HOLD_AFTER_CUT_MS) return step(current);
  if (bookingP95Ms === undefined) return step(current + ceiling * NO_SIGNAL_STEP_SHARE);
  if (bookingP95Ms > targetMs) return step(current / 2, now);
  return step(current + ceiling * STEP_SHARE);
}
