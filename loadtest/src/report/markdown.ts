import type { LatencySummary } from "../metrics/percentiles";
import type { LoadTestReport } from "./build-report";
import { formatMs } from "./svg";

/** report.md: the figures a reader needs, in tables, with the chart next to it. */
export function renderMarkdown(report: LoadTestReport, chartFile: string): string {
  const { scenario, machine } = report;
  const verdict = report.passed ? "**PASSED**" : "**FAILED**";
  const failed = report.invariants.filter((invariant) => !invariant.passed);
  const lines: string[] = [
    `# Flash-crowd load test, ${report.startedAt}`,
    "",
    `${verdict}: ${report.invariants.length - failed.length} of ${report.invariants.length} invariants hold.` +
      (failed.length > 0 ? ` Failed: ${failed.map((invariant) => invariant.id).join(", ")}.` : ""),
    "",
    `${scenario.buyers.toLocaleString("en")} buyers arrive at once for ${scenario.seats.toLocaleString("en")} seats; ` +
      `working set ${scenario.maxActive}, admission at most ${scenario.admitRate}/s, slower while the booking path is over the queue's pace target. ` +
      `The buyers' part took ${seconds(report.durationsMs.buyers)} (start-up ${seconds(report.durationsMs.setup)}, ` +
      `settling and checks ${seconds(report.durationsMs.settle)}). ` +
      `${report.sales.sold} of ${report.sales.seats} seats sold to ${report.sales.purchases} buyers.`,
    "",
    `![Latency per step, over time, and the working set](${chartFile})`,
    "",
    "## Invariants",
    "",
    table(
      ["invariant", "result", "detail"],
      report.invariants.map((invariant) => [
        invariant.title,
        invariant.passed ? "pass" : "**FAIL**",
        invariant.detail,
      ]),
    ),
    "",
    "## Outcomes",
    "",
    table(
      ["outcome", "buyers", "meaning", "codes"],
      report.outcomes
        .filter((outcome) => outcome.count > 0)
        .map((outcome) => [
          outcome.outcome,
          String(outcome.count),
          outcome.meaning,
          codes(outcome.codes),
        ]),
    ),
    "",
    "## Steps",
    "",
    "Request steps are one round trip each; async steps run from the buyer's action until " +
      "the system's answer shows (paid → CONFIRMED is polled every 500 ms). Throughput is " +
      "successes per second over the span in which the step ran.",
    "",
    table(
      ["step", "kind", "ok", "failed", "per s", "p50", "p95", "p99", "max", "what"],
      report.steps.map((step) => [
        step.step,
        step.kind,
        String(step.ok),
        String(step.failed),
        step.throughputPerSec.toFixed(1),
        ...latencyCells(step.latencyMs),
        step.what,
      ]),
      ["l", "l", "r", "r", "r", "r", "r", "r", "r", "l"],
    ),
    "",
    loopLagLine(report),
    "",
    "### The front door against bare Socket.IO",
    "",
    frontDoorSection(report),
    "",
    "## Time in queue",
    "",
    "From `queue:join` to admission, for the buyers admitted.",
    "",
    report.timeInQueue.latencyMs
      ? table(
          ["admitted", "p50", "p95", "p99", "max"],
          [
            [
              String(report.timeInQueue.latencyMs.count),
              ...latencyCells(report.timeInQueue.latencyMs).slice(0, 4),
            ],
          ],
        )
      : "Nobody was admitted.",
    "",
    table(
      ["waited", "buyers"],
      report.timeInQueue.histogram.buckets.map((bucket) => [bucket.label, String(bucket.count)]),
    ),
    "",
    "## Errors by code",
    "",
    "Refusals the product gives on purpose count here too: `LINE_FULL` and `SOLD_OUT` at " +
      "the door, `SEAT_UNAVAILABLE` for seats another buyer held first.",
    "",
    report.errors.length > 0
      ? table(
          ["step", "code", "count"],
          report.errors.map((error) => [error.step, error.code, String(error.count)]),
        )
      : "No step failed.",
    "",
    "## Working set",
    "",
    `Sampled from Redis every 100 ms (${report.workingSet.samples} samples, ` +
      `${report.workingSet.failedReads} failed reads): at most ${report.workingSet.maxSampled} ` +
      `active of maxActive ${report.workingSet.maxActive}; the progress broadcasts buyers ` +
      `received said at most ${report.workingSet.maxSeenByBuyers}.`,
    "",
    `Queue counters at the end: ${codes(report.queueCounters) || "none"}.`,
    "",
    "## Scenario and machine",
    "",
    table(
      ["setting", "value"],
      Object.entries(scenario).map(([key, value]) => [key, String(value)]),
    ),
    "",
    ...report.setup.map((note) => `- ${note}`),
    "",
    ...clientsSection(report),
    "Where the machine's CPU went while the buyers ran (1.0 = one core busy throughout), " +
      "and each process's peak memory:",
    "",
    table(
      ["process", "CPU s", "cores", "peak RSS"],
      report.processes.map((entry) => [
        entry.name,
        entry.cpuSeconds === null ? "–" : entry.cpuSeconds.toFixed(1),
        entry.cores === null ? "–" : entry.cores.toFixed(2),
        entry.peakRssMiB === null ? "–" : `${entry.peakRssMiB} MiB`,
      ]),
      ["l", "r", "r", "r"],
    ),
    "",
    table(
      ["machine", ""],
      [
        ["CPUs", `${machine.cpus} × ${machine.cpuModel}`],
        ["memory", `${machine.memoryGiB} GiB`],
        ["Node.js", machine.node],
        ["OS", machine.os],
        [
          "load average (1 min)",
          `${machine.loadAverage.start.toFixed(2)} at the start, ${machine.loadAverage.end.toFixed(2)} at the end`,
        ],
      ],
    ),
    "",
    `Run \`${report.runId}\`, ${report.startedAt} to ${report.finishedAt}. ` +
      `Repeat its choices with \`--seed ${scenario.seed}\`.`,
    "",
  ];
  return lines.join("\n");
}

function frontDoorSection(report: LoadTestReport): string {
  const { bare, ratios } = report.frontDoor;
  const ratio = (value: number | null) =>
    value === null ? "– (no such step)" : `${value.toFixed(2)}×`;
  return [
    `Before the crowd, the same number of handshakes (${bare.attempted}, all at once, the ` +
      "buyers' client code, " +
      (bare.clientProcesses > 1
        ? `from their ${bare.clientProcesses} client processes`
        : "from this process") +
      ") to a bare Socket.IO server started by this run on a free loopback port" +
      (bare.serverProcesses > 1
        ? ` (${bare.serverProcesses} processes behind it, as the queue service's)`
        : "") +
      `: ${bare.ok} succeeded, ${bare.perSecond.toFixed(1)}/s.` +
      ` Buyers entered by the ${report.scenario.door} door.`,
    "",
    table(
      ["", "per s", "p50", "p95", "p99", "max", "against bare"],
      [
        [
          "bare Socket.IO connect",
          bare.perSecond.toFixed(1),
          ...latencyCells(bare.latencyMs),
          "1.00×",
        ],
        ...(["ticket", "connect", "front-door"] as const).flatMap((name) => {
          const step = report.steps.find((entry) => entry.step === name);
          if (!step) return [];
          const key = name === "front-door" ? "frontDoor" : name;
          return [
            [
              name,
              step.throughputPerSec.toFixed(1),
              ...latencyCells(step.latencyMs),
              ratio(ratios[key]),
            ],
          ];
        }),
      ],
      ["l", "r", "r", "r", "r", "r", "r"],
    ),
    "",
    "Targets (issue 18): the ticket step at least 5× the bare rate (the session door has " +
      "none), the front door (ticket + connect + join) at least 0.70×.",
  ].join("\n");
}

/** With several client processes: what each one counted, beside the run's totals. */
function clientsSection(report: LoadTestReport): string[] {
  if (report.clients.length < 2) return [];
  const outcomes = report.outcomes.filter((outcome) => outcome.count > 0);
  const total = (pick: (share: LoadTestReport["clients"][number]) => number) =>
    String(report.clients.reduce((sum, share) => sum + pick(share), 0));
  return [
    "The buyers ran in several client processes; each counted its own share:",
    "",
    table(
      [
        "process",
        "buyers",
        ...outcomes.map((outcome) => outcome.outcome),
        "step samples",
        "bare ok",
      ],
      [
        ...report.clients.map((share) => [
          share.name,
          String(share.buyers),
          ...outcomes.map((outcome) => String(share.outcomes[outcome.outcome] ?? 0)),
          String(share.stepSamples),
          String(share.bareOk),
        ]),
        [
          "all",
          total((share) => share.buyers),
          ...outcomes.map((outcome) => total((share) => share.outcomes[outcome.outcome] ?? 0)),
          total((share) => share.stepSamples),
          total((share) => share.bareOk),
        ],
      ],
      ["l", "r", ...outcomes.map((): "r" => "r"), "r", "r"],
    ),
    "",
  ];
}

function latencyCells(latency: LatencySummary | null): string[] {
  if (!latency) return ["–", "–", "–", "–"];
  return [latency.p50, latency.p95, latency.p99, latency.max].map(formatMs);
}

function codes(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([code, count]) => `${code} ${count}`)
    .join(", ");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function table(header: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const cell = (value: string) => value.replaceAll("|", "\\|");
  const rule = header.map((_, index) => (align?.[index] === "r" ? "---:" : "---"));
  return [header, rule, ...rows.map((row) => row.map(cell))]
    .map((row) => `| ${row.join(" | ")} |`)
    .join("\n");
}

function loopLagLine(report: LoadTestReport): string {
  const { latencyMs, worstAtMs } = report.generatorLoopLag;
  if (!latencyMs || worstAtMs === null) return "The load generator's event loop was not sampled.";
  return (
    "The load generator times every step on its own event loop, which ran its timers late " +
    `by p50 ${formatMs(latencyMs.p50)}, p99 ${formatMs(latencyMs.p99)}, at most ` +
    `${formatMs(latencyMs.max)} (${seconds(worstAtMs)} into the run` +
    (latencyMs.max >= 1 ? "; the chart's grey line): " : "): ") +
    "a step timed while it ran late reads up to that much slower than the system answered."
  );
}
