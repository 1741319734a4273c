export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at
 * least p% of the values at or below it. Refuses what would give a meaningless figure:
 * no values, an unsorted or non-finite input, p outside [0, 100].
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  }
  if (sorted.length === 0) throw new RangeError("percentile of no values");
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] as number;
    if (!Number.isFinite(value)) throw new RangeError(`value ${i} is not a finite number`);
    if (i > 0 && value < (sorted[i - 1] as number)) {
      throw new RangeError(`values must be sorted ascending (value ${i} is smaller)`);
    }
  }
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Count, mean and the percentiles the report shows; null when there is nothing to summarise. */
export function summarize(values: readonly number[]): LatencySummary | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const value of list) sum += value;
  return {
    count: list.length,
    min: percentile(list, 0),
    mean: sum / list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: percentile(list, 100),
  };
}
