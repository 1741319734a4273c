/**
 * Upper bounds (ms) of the window's buckets. A percentile is answered as the bound of the
 * bucket it falls in, so it errs slow by at most one step: the pace controller then admits
 * a little too carefully, never too eagerly.
 */
const BOUNDS_MS = [
  5, 10, 20, 30, 50, 75, 100, 150, 200, 250, 300, 400, 500, 650, 800, 1_000, 1_300, 1_600, 2_000,
  2_500, 3_000, 4_000, 5_000, 7_500, 10_000,
];

const BUCKETS = BOUNDS_MS.length + 1;

/**
 * Request durations over the last `seconds` seconds, in one-second slots of a fixed
 * histogram: constant memory and constant work per sample however busy the process is.
 */
export class LatencyWindow {
  /** Slot i's counts are counts[i * BUCKETS ...]; the last bucket is beyond every bound. */
  private readonly counts: Uint32Array;
  /** The second each slot holds (-1: none). */
  private readonly secondOf: number[];
  /** The slowest sample of each slot: the answer when a percentile is beyond every bound. */
  private readonly maxOf: number[];

  constructor(private readonly seconds = 5) {
    this.counts = new Uint32Array(seconds * BUCKETS);
    this.secondOf = new Array<number>(seconds).fill(-1);
    this.maxOf = new Array<number>(seconds).fill(0);
  }

  record(durationMs: number, nowMs = Date.now()): void {
    const second = Math.floor(nowMs / 1_000);
    const slot = second % this.seconds;
    if (this.secondOf[slot] !== second) {
      this.secondOf[slot] = second;
      this.counts.fill(0, slot * BUCKETS, (slot + 1) * BUCKETS);
      this.maxOf[slot] = 0;
    }
    const bucket = BOUNDS_MS.findIndex((bound) => durationMs <= bound);
    const index = slot * BUCKETS + (bucket === -1 ? BUCKETS - 1 : bucket);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.maxOf[slot] = Math.max(this.maxOf[slot] ?? 0, durationMs);
  }

  /** The `quantile` (0-1) of the window's samples in ms; undefined when it has none. */
  percentile(quantile: number, nowMs = Date.now()): number | undefined {
    const second = Math.floor(nowMs / 1_000);
    const merged = new Array<number>(BUCKETS).fill(0);
    let total = 0;
    let maxMs = 0;
    this.secondOf.forEach((slotSecond, slot) => {
      if (slotSecond <= second - this.seconds || slotSecond > second) return;
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        const count = this.counts[slot * BUCKETS + bucket] ?? 0;
        merged[bucket] = (merged[bucket] ?? 0) + count;
        total += count;
      }
      maxMs = Math.max(maxMs, this.maxOf[slot] ?? 0);
    });
    if (total === 0) return undefined;
    const rank = Math.ceil(quantile * total);
    let seen = 0;
    for (const [bucket, count] of merged.entries()) {
      seen += count;
      if (seen >= rank) return Math.min(BOUNDS_MS[bucket] ?? maxMs, maxMs);
    }
    return maxMs;
  }
}
