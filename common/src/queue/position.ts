import type { QueueProgress } from "./protocol";

/** What a waiting client remembers from its join (or status) answer. */
export interface PositionBaseline {
  seq: number;
  position: number;
  /** progress.admittedTotal in the same answer. */
  admittedTotal: number;
}

export interface DerivedPosition {
  position: number;
}

/**
 * A waiter's place from a progress broadcast, without asking the server. Admission is strict
 * FIFO, so every buyer admitted since the baseline was ahead of this one, and nobody ahead
 * has a sequence number above servedSeq. Both bounds only over-count buyers ahead who left
 * the line; the smaller one is exact as long as nobody ahead left. A reconnect (or
 * queue:status) gives the exact position again. The wait is estimateWait's (wait-estimate.ts).
 */
export function derivePosition(
  baseline: PositionBaseline,
  progress: QueueProgress,
): DerivedPosition {
  const byAdmissions = baseline.position - (progress.admittedTotal - baseline.admittedTotal);
  const bySequence = baseline.seq - progress.servedSeq;
  return { position: Math.max(1, Math.min(byAdmissions, bySequence)) };
}
