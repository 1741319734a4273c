import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BuyerResult } from "../buyer/context";
import { Recorder } from "../metrics/recorder";
import { loadTestOptionsSchema } from "../options";
import { buildReport, machineInfo } from "./build-report";
import { latencyChart } from "./latency-chart";
import { renderMarkdown } from "./markdown";
import { escapeXml } from "./svg";
import { writeReport } from "./write-report";

function sampleReport(passed: boolean) {
  const recorder = new Recorder();
  for (let i = 0; i < 20; i++) {
    recorder.ok("hold", i * 100, i * 100 + 10 + i);
    recorder.ok("seat-map", i * 100, i * 100 + 3);
  }
  recorder.fail("hold", "SEAT_UNAVAILABLE");
  for (let i = 0; i < 10; i++) {
    recorder.ok("ticket", i * 100, i * 100 + 50);
    recorder.ok("front-door", i * 100, i * 100 + 400);
  }
  recorder.queueWait(1_500);
  const buyers: BuyerResult[] = [
    { userId: "u1", outcome: "purchased", admitted: true, paid: true, lapsed: false },
    {
      userId: "u2",
      outcome: "error",
      code: "TIMEOUT",
      failedStep: "pay",
      admitted: true,
      paid: false,
      lapsed: false,
    },
  ];
  const report = buildReport({
    runId: "abc",
    startedAt: new Date("2026-11-26T00:00:00Z"),
    finishedAt: new Date("2026-11-26T00:01:00Z"),
    scenario: {
      ...loadTestOptionsSchema.parse({
        out: "/home/someone/runs/1",
        profileDir: "/home/someone/profiles",
      }),
      seed: 1,
    },
    setup: ["a note"],
    machine: machineInfo(0.5),
    durationsMs: { setup: 1_000, buyers: 2_000, settle: 100 },
    recorder,
    buyers,
    workingSet: {
      maxActive: 200,
      maxSampled: 200,
      maxSeenByBuyers: 200,
      samples: 3,
      failedReads: 0,
      timeline: [
        { atMs: 100, active: 10, waiting: 50 },
        { atMs: 900, active: 200, waiting: 40 },
        { atMs: 1_500, active: 150, waiting: 0 },
      ],
    },
    queueCounters: { joins: 2 },
    bareConnects: {
      attempted: 10,
      ok: 10,
      perSecond: 200,
      latencyMs: null,
      serverProcesses: 2,
      clientProcesses: 2,
    },
    processes: [{ name: "web", cpuSeconds: 1.5, cores: 0.75, peakRssMiB: 300 }],
    clients: [
      {
        name: "client process 1 (127.0.0.2)",
        address: "127.0.0.2",
        buyers: 1,
        outcomes: { purchased: 1 },
        stepSamples: 30,
        bareOk: 5,
      },
      {
        name: "client process 2 (127.0.0.3)",
        address: "127.0.0.3",
        buyers: 1,
        outcomes: { error: 1 },
        stepSamples: 20,
        bareOk: 5,
      },
    ],
    sales: { seats: 1_000, sold: 3, purchases: 1 },
    invariants: [
      { id: "seats-sold-once", title: "Every seat sold at most once", passed: true, detail: "ok" },
      { id: "redis-agrees", title: "Redis <agrees>", passed, detail: "seat s1 differs" },
    ],
  });
  return { report, recorder };
}

describe("the report", () => {
  it("does not name the local directory it was written to", () => {
    const { report } = sampleReport(true);
    expect(JSON.stringify(report)).not.toContain("/home/someone");
    expect(renderMarkdown(report, "latency.svg")).not.toContain("/home/someone");
  });

  it("fails as a whole when one invariant fails, and says which", () => {
    const { report } = sampleReport(false);
    expect(report.passed).toBe(false);
    const markdown = renderMarkdown(report, "latency.svg");
    expect(markdown).toContain("**FAILED**: 1 of 2 invariants hold. Failed: redis-agrees.");
    expect(markdown).toContain("| Redis <agrees> | **FAIL** | seat s1 differs |");
  });

  it("counts outcomes with their codes, errors by step, and the working set per second", () => {
    const { report } = sampleReport(true);
    expect(report.passed).toBe(true);
    expect(report.outcomes.find((entry) => entry.outcome === "error")).toMatchObject({
      count: 1,
      codes: { "pay: TIMEOUT": 1 },
    });
    expect(report.errors).toEqual([{ step: "hold", code: "SEAT_UNAVAILABLE", count: 1 }]);
    expect(report.workingSet.perSecond).toEqual([
      { atMs: 0, active: 200, waiting: 50 },
      { atMs: 1_000, active: 150, waiting: 0 },
    ]);
    expect(report.machine.node).toBe(process.version);
  });

  it("sets the front door's first rows against the bare Socket.IO reference of the run", () => {
    const { report } = sampleReport(true);
    const rate = (name: string) =>
      report.steps.find((step) => step.step === name)?.throughputPerSec ?? NaN;
    expect(report.frontDoor.ratios.ticket).toBeCloseTo(rate("ticket") / 200, 6);
    expect(report.frontDoor.ratios.frontDoor).toBeCloseTo(rate("front-door") / 200, 6);
    // No connect step in this run: no ratio made up for it.
    expect(report.frontDoor.ratios.connect).toBeNull();
    const markdown = renderMarkdown(report, "latency.svg");
    expect(markdown).toMatch(/\| bare Socket\.IO connect \| 200\.0 \|/);
    expect(markdown).toContain(`| ticket | ${rate("ticket").toFixed(1)} |`);
    expect(markdown).toContain(`${(rate("front-door") / 200).toFixed(2)}× |`);
  });

  it("shows what each client process counted, and the totals under them", () => {
    const markdown = renderMarkdown(sampleReport(true).report, "latency.svg");
    expect(markdown).toContain(
      "from their 2 client processes) to a bare Socket.IO server started by this run on a " +
        "free loopback port (2 processes behind it, as the queue service's): 10 succeeded",
    );
    expect(markdown).toContain("| process | buyers | purchased | error | step samples | bare ok |");
    expect(markdown).toContain("| client process 2 (127.0.0.3) | 1 | 0 | 1 | 20 | 5 |");
    expect(markdown).toContain("| all | 2 | 1 | 1 | 50 | 10 |");
  });

  it("draws a self-contained SVG with every step and escaped text", () => {
    const { report, recorder } = sampleReport(true);
    const svg = latencyChart(report, recorder.samples);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain(">hold</text>");
    expect(svg).toContain(">seat-map</text>");
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(escapeXml(`a<b & "c"`)).toBe("a&lt;b &amp; &quot;c&quot;");
  });

  it("writes report.json, report.md and latency.svg, the Markdown pointing at the chart", async () => {
    const { report, recorder } = sampleReport(true);
    const dir = await mkdtemp(path.join(tmpdir(), "loadtest-report-"));
    try {
      await writeReport(dir, report, recorder);
      const json = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")) as {
        passed: boolean;
      };
      expect(json.passed).toBe(true);
      expect(await readFile(path.join(dir, "report.md"), "utf8")).toContain("](latency.svg)");
      expect(await readFile(path.join(dir, "latency.svg"), "utf8")).toContain("</svg>");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
