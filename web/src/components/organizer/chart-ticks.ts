/** 1, 2, 5, 10, 20, 50... : the smallest "nice" number at or above `value` (1 at least). */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

/**
 * The y axis of a chart of counts (people, seats, admissions a minute): its top and the
 * values ticked, whole numbers only (no "0.5 buyers"), 0 first.
 */
export function chartTicks(largest: number): { max: number; ticks: number[] } {
  const max = niceCeiling(largest);
  const middle = max / 2;
  return { max, ticks: Number.isInteger(middle) && middle > 0 ? [0, middle, max] : [0, max] };
}
