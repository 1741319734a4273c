import type { Sample } from "../metrics/recorder";
import type { StepName } from "../metrics/steps";
import { percentile } from "../metrics/percentiles";
import type { LoadTestReport } from "./build-report";
import { dot, formatMs, line, logScale, polyline, rect, svgDocument, text } from "./svg";

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 120;
const PLOT = WIDTH - LEFT - RIGHT;
const ROW = 26;
const colours = { p50: "#1d4ed8", p95: "#60a5fa", p99: "#bfdbfe" };
const lineColours = ["#1d4ed8", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777"];
/** The request steps drawn over time (the rest are rare or not requests). */
const overTime: StepName[] = ["ticket", "join", "claim", "seat-map", "hold", "checkout", "pay"];
/** The load generator's own event loop lag, drawn with the steps it timed. */
const LOOP_LAG = { label: "generator loop lag (max)", colour: "#9ca3af" };

/**
 * The report's chart: p50/p95/p99 of every step as bars on a log scale, the p95 of the
 * main requests over the run beside the load generator's worst event loop lag, and the
 * working set against maxActive with the line's length.
 */
export function latencyChart(
  report: LoadTestReport,
  samples: ReadonlyMap<StepName, Sample[]>,
  loopLag: readonly Sample[] = [],
): string {
  const body: string[] = [];
  let y = 0;
  y = percentileBars(body, report, y);
  y = latencyOverTime(body, samples, loopLag, y + 20);
  y = workingSetOverTime(body, report, y + 20);
  return svgDocument(WIDTH, y + 10, body);
}

function percentileBars(body: string[], report: LoadTestReport, top: number): number {
  const rows = report.steps.filter((step) => step.latencyMs !== null);
  const maxMs = Math.max(10, ...rows.map((step) => step.latencyMs?.p99 ?? 0));
  const scale = logScale(maxMs, PLOT);
  body.push(
    text(16, top + 24, "Latency per step: p50, p95, p99 (log scale)", { size: 15, weight: "bold" }),
  );
  const plotTop = top + 40;
  const plotBottom = plotTop + rows.length * ROW;
  axisTicks(body, scale.decades, (ms) => LEFT + scale.at(ms), plotTop, plotBottom);
  rows.forEach((step, index) => {
    const latency = step.latencyMs;
    if (!latency) return;
    const rowY = plotTop + index * ROW;
    body.push(text(LEFT - 8, rowY + 16, step.step, { anchor: "end" }));
    body.push(rect(LEFT, rowY + 4, scale.at(latency.p99), 16, colours.p99));
    body.push(rect(LEFT, rowY + 4, scale.at(latency.p95), 16, colours.p95));
    body.push(rect(LEFT, rowY + 4, scale.at(latency.p50), 16, colours.p50));
    body.push(
      text(LEFT + PLOT + 8, rowY + 16, `${formatMs(latency.p50)} / ${formatMs(latency.p99)}`, {
        size: 11,
      }),
    );
  });
  const legendY = plotBottom + 34;
  legend(body, legendY, [
    ["p50", colours.p50],
    ["p95", colours.p95],
    ["p99", colours.p99],
  ]);
  body.push(text(LEFT + PLOT + 8, plotTop - 6, "p50 / p99", { size: 11, fill: "#52606d" }));
  return legendY + 6;
}

function latencyOverTime(
  body: string[],
  samples: ReadonlyMap<StepName, Sample[]>,
  loopLag: readonly Sample[],
  top: number,
): number {
  const drawn = overTime.filter((step) => (samples.get(step)?.length ?? 0) > 0);
  const endS = Math.max(
    1,
    ...drawn.flatMap((step) => (samples.get(step) ?? []).map((s) => s.endMs / 1000)),
  );
  const bucketS = Math.max(1, Math.ceil(endS / 60));
  const series: { label: string; colour: string; points: [number, number][] }[] = drawn.map(
    (step, index) => ({
      label: step,
      colour: lineColours[index % lineColours.length] ?? "#1d4ed8",
      points: p95PerBucket(samples.get(step) ?? [], bucketS),
    }),
  );
  // Only where the loop ran late enough to show on the plot's scale (1 ms and up).
  const lagPoints = maxPerBucket(loopLag, bucketS).filter(([, ms]) => ms >= 1);
  if (lagPoints.length > 0) series.push({ ...LOOP_LAG, points: lagPoints });
  const maxMs = Math.max(10, ...series.flatMap((entry) => entry.points.map(([, ms]) => ms)));
  const height = 220;
  const scale = logScale(maxMs, height);
  body.push(
    text(16, top + 24, `p95 latency over the run (${bucketS} s buckets, log scale)`, {
      size: 15,
      weight: "bold",
    }),
  );
  const plotTop = top + 40;
  const plotBottom = plotTop + height;
  const x = (seconds: number) => LEFT + (seconds / endS) * PLOT;
  const yOf = (ms: number) => plotBottom - scale.at(ms);
  for (let decade = 0; decade <= scale.decades; decade++) {
    const ms = 10 ** decade;
    body.push(line(LEFT, yOf(ms), LEFT + PLOT, yOf(ms)));
    body.push(
      text(LEFT - 8, yOf(ms) + 4, formatMs(ms), { anchor: "end", size: 11, fill: "#52606d" }),
    );
  }
  timeAxis(body, endS, x, plotBottom);
  series.forEach(({ colour, ...entry }) => {
    // A line only joins neighbouring buckets: a step that did not run for a while shows a gap.
    for (const run of contiguous(entry.points, bucketS)) {
      body.push(
        polyline(
          run.map(([seconds, ms]) => [x(seconds), yOf(ms)]),
          { stroke: colour },
        ),
      );
    }
    for (const [seconds, ms] of entry.points) body.push(dot(x(seconds), yOf(ms), colour));
  });
  const legendY = plotBottom + 44;
  legend(
    body,
    legendY,
    series.map((entry) => [entry.label, entry.colour]),
  );
  return legendY + 6;
}

function workingSetOverTime(body: string[], report: LoadTestReport, top: number): number {
  const { perSecond, maxActive } = report.workingSet;
  const height = 160;
  body.push(
    text(16, top + 24, "Working set (active) against maxActive, and buyers waiting", {
      size: 15,
      weight: "bold",
    }),
  );
  const plotTop = top + 40;
  const plotBottom = plotTop + height;
  const endS = Math.max(1, ...perSecond.map((sample) => sample.atMs / 1000 + 1));
  const x = (seconds: number) => LEFT + (seconds / endS) * PLOT;
  const activeTop = Math.max(1, maxActive, report.workingSet.maxSampled) * 1.15;
  const waitingTop = Math.max(1, ...perSecond.map((sample) => sample.waiting)) * 1.15;
  const yActive = (value: number) => plotBottom - (value / activeTop) * height;
  const yWaiting = (value: number) => plotBottom - (value / waitingTop) * height;
  body.push(line(LEFT, plotBottom, LEFT + PLOT, plotBottom));
  body.push(
    line(LEFT, yActive(maxActive), LEFT + PLOT, yActive(maxActive), {
      stroke: "#dc2626",
      dash: "6 4",
    }),
  );
  body.push(
    text(LEFT - 8, yActive(maxActive) + 4, `maxActive ${maxActive}`, {
      anchor: "end",
      size: 11,
      fill: "#dc2626",
    }),
  );
  body.push(text(LEFT - 8, plotBottom + 4, "0", { anchor: "end", size: 11, fill: "#52606d" }));
  body.push(
    text(
      LEFT + PLOT + 8,
      yWaiting(waitingTop / 1.15) + 4,
      `${Math.round(waitingTop / 1.15)} waiting`,
      { size: 11, fill: "#9aa5b1" },
    ),
  );
  timeAxis(body, endS, x, plotBottom);
  body.push(
    polyline(
      perSecond.map((sample) => [x(sample.atMs / 1000), yWaiting(sample.waiting)]),
      { stroke: "#9aa5b1" },
    ),
  );
  body.push(
    polyline(
      perSecond.map((sample) => [x(sample.atMs / 1000), yActive(sample.active)]),
      { stroke: "#1d4ed8", width: 2 },
    ),
  );
  const legendY = plotBottom + 44;
  legend(body, legendY, [
    ["active (left scale)", "#1d4ed8"],
    ["waiting (own scale)", "#9aa5b1"],
    ["maxActive", "#dc2626"],
  ]);
  return legendY + 6;
}

function p95PerBucket(samples: readonly Sample[], bucketS: number): [number, number][] {
  const buckets = new Map<number, number[]>();
  for (const sample of samples) {
    const bucket = Math.floor(sample.endMs / 1000 / bucketS);
    let list = buckets.get(bucket);
    if (!list) buckets.set(bucket, (list = []));
    list.push(sample.durationMs);
  }
  return [...buckets]
    .sort(([a], [b]) => a - b)
    .map(([bucket, values]) => [
      (bucket + 0.5) * bucketS,
      percentile(
        values.sort((a, b) => a - b),
        95,
      ),
    ]);
}

function maxPerBucket(samples: readonly Sample[], bucketS: number): [number, number][] {
  const buckets = new Map<number, number>();
  for (const sample of samples) {
    const bucket = Math.floor(sample.endMs / 1000 / bucketS);
    buckets.set(bucket, Math.max(buckets.get(bucket) ?? 0, sample.durationMs));
  }
  return [...buckets]
    .sort(([a], [b]) => a - b)
    .map(([bucket, ms]) => [(bucket + 0.5) * bucketS, ms]);
}

function contiguous(points: [number, number][], bucketS: number): [number, number][][] {
  const runs: [number, number][][] = [];
  let current: [number, number][] = [];
  for (const point of points) {
    const previous = current.at(-1);
    if (previous && point[0] - previous[0] > bucketS * 1.5) {
      runs.push(current);
      current = [];
    }
    current.push(point);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

function axisTicks(
  body: string[],
  decades: number,
  x: (ms: number) => number,
  top: number,
  bottom: number,
): void {
  for (let decade = 0; decade <= decades; decade++) {
    const ms = 10 ** decade;
    body.push(line(x(ms), top, x(ms), bottom));
    body.push(
      text(x(ms), bottom + 14, formatMs(ms), { anchor: "middle", size: 11, fill: "#52606d" }),
    );
  }
}

function timeAxis(body: string[], endS: number, x: (s: number) => number, bottom: number): void {
  const step = niceStep(endS / 8);
  for (let seconds = 0; seconds <= endS; seconds += step) {
    body.push(line(x(seconds), bottom, x(seconds), bottom + 4, { stroke: "#52606d" }));
    body.push(
      text(x(seconds), bottom + 16, `${seconds} s`, {
        anchor: "middle",
        size: 11,
        fill: "#52606d",
      }),
    );
  }
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  for (const factor of [1, 2, 5, 10]) {
    if (raw <= factor * magnitude) return factor * magnitude;
  }
  return 10 * magnitude;
}

function legend(body: string[], y: number, entries: [string, string][]): void {
  let x = LEFT;
  for (const [label, colour] of entries) {
    body.push(rect(x, y - 10, 12, 12, colour));
    body.push(text(x + 18, y, label, { size: 12 }));
    x += 24 + label.length * 7.5;
  }
}
