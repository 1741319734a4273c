/** Splits [0, total) into `parts` contiguous ranges [from, to), the first ones fuller. */
export function splitEvenly(total: number, parts: number): [number, number][] {
  const size = Math.ceil(total / parts);
  return Array.from({ length: parts }, (_, index) => [
    Math.min(total, index * size),
    Math.min(total, (index + 1) * size),
  ]);
}
