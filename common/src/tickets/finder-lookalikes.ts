/**
 * Finder-pattern look-alikes in a QR symbol's data, as ZXing (the door page's scanner)
 * would confirm them. Its JavaScript port keeps the three candidates it crossed in the most
 * scanned rows, and after confirming the two top corners it jumps down the picture, so one
 * look-alike crossed a few times displaces a real corner and the code does not read, at
 * some print sizes or at all. The fewer a mask leaves, the fewer chances of that (any mask
 * decodes to the same text); few symbols have none under any mask.
 *
 * The checks follow FinderPatternFinder in modules instead of pixels, a little looser than
 * the scanner (a printed or photographed module is never exactly one module wide).
 */
const TOLERANCE = 0.6;

type Matrix = readonly (readonly boolean[])[];

/** How many places in `matrix`, outside the real finder patterns, a scanner takes for one. */
export function countFinderLookalikes(matrix: Matrix): number {
  const size = matrix.length;
  const dark = (row: number, column: number) => matrix[row]?.[column] === true;
  const centres = new Set<string>();
  for (let row = 0; row < size; row += 1) {
    // Each dark run of the row is a possible core, as the scanner's sweep along it sees it.
    for (let start = 0; start < size; start += 1) {
      if (!dark(row, start) || dark(row, start - 1)) continue;
      const across = runsThrough((offset) => dark(row, start + offset));
      if (!foundPatternCross(across)) continue;
      const column = start + Math.floor((across[2] ?? 0) / 2);
      const down = cappedRunsThrough((offset) => dark(row + offset, column), across[2] ?? 0);
      if (!down || !similarTotal(down, across, 2 / 5)) continue;
      const centreRow = row + down.centreOffset;
      const again = cappedRunsThrough((offset) => dark(centreRow, column + offset), across[2] ?? 0);
      if (!again || !similarTotal(again, across, 1 / 5)) continue;
      if (insideRealFinder(size, centreRow, column)) continue;
      centres.add(`${centreRow},${column}`);
    }
  }
  return centres.size;
}

function insideRealFinder(size: number, row: number, column: number): boolean {
  const near = (value: number) => value < 7;
  const far = (value: number) => value >= size - 7;
  return (near(row) && near(column)) || (near(row) && far(column)) || (far(row) && near(column));
}

/** A long enough run to fail any ratio: the quiet zone and beyond count as light. */
const FAR = 64;

function run(dark: (offset: number) => boolean, from: number, step: 1 | -1, wantDark: boolean) {
  let length = 0;
  while (length < FAR && dark(from + step * length) === wantDark) length += 1;
  return length;
}

/** Dark, light, the dark run starting at offset 0, light, dark: a sweep's full runs. */
function runsThrough(dark: (offset: number) => boolean): number[] {
  const core = run(dark, 0, 1, true);
  const lightBefore = run(dark, -1, -1, false);
  const darkBefore = run(dark, -1 - lightBefore, -1, true);
  const lightAfter = run(dark, core, 1, false);
  const darkAfter = run(dark, core + lightAfter, 1, true);
  return [darkBefore, lightBefore, core, lightAfter, darkAfter];
}

/**
 * The cross-check through a module of a core: the runs either way, each ring at most as
 * long as the core the sweep saw (the scanner stops counting there), and where the core's
 * centre lies from offset 0.
 */
function cappedRunsThrough(
  dark: (offset: number) => boolean,
  maxCount: number,
): (number[] & { centreOffset: number }) | undefined {
  const before = run(dark, 0, -1, true);
  const after = run(dark, 1, 1, true);
  const lightBefore = run(dark, -before, -1, false);
  const darkBefore = run(dark, -before - lightBefore, -1, true);
  const lightAfter = run(dark, 1 + after, 1, false);
  const darkAfter = run(dark, 1 + after + lightAfter, 1, true);
  const rings = [darkBefore, lightBefore, lightAfter, darkAfter];
  if (rings.some((length) => length > maxCount)) return undefined;
  const runs = [darkBefore, lightBefore, before + after, lightAfter, darkAfter];
  if (!foundPatternCross(runs)) return undefined;
  return Object.assign(runs, { centreOffset: Math.floor((after - before + 1) / 2) });
}

function similarTotal(runs: readonly number[], original: readonly number[], share: number) {
  const total = runs.reduce((sum, length) => sum + length, 0);
  const originalTotal = original.reduce((sum, length) => sum + length, 0);
  return Math.abs(total - originalTotal) < share * originalTotal * (1 + TOLERANCE - 0.5);
}

/** ZXing's 1:1:3:1:1 test (FinderPatternFinder.foundPatternCross), in modules. */
function foundPatternCross(runs: readonly number[]): boolean {
  if (runs.some((length) => length === 0)) return false;
  const module = runs.reduce((sum, length) => sum + length, 0) / 7;
  const variance = module * TOLERANCE;
  return runs.every((length, index) =>
    index === 2
      ? Math.abs(3 * module - length) < 3 * variance
      : Math.abs(module - length) < variance,
  );
}
