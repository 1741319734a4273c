import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTestOptionsSchema } from "../src/options";
import { writeReport } from "../src/report/write-report";
import { runLoadTest } from "../src/run-load-test";

/**
 * The whole tool against the real system (built web app, queue service, worker, PostgreSQL,
 * Redis, Kafka): a small flash crowd, three buyers for every seat, with some buyers giving
 * up in line and some letting their holds lapse. Needs `npm run build -w @ticketping/web`.
 */
describe("a small flash crowd, end to end", () => {
  it("sells every seat once, keeps the working set bounded and passes every invariant", async () => {
    const options = loadTestOptionsSchema.parse({
      buyers: 60,
      seats: 20,
      maxActive: 5,
      abandonRate: 0.15,
      lapseRate: 0.2,
      holdTtl: 15,
      claimWindow: 10,
      disconnectGrace: 5,
      timeLimit: 100,
      // With this seed the 1st and 3rd admitted buyers let their holds lapse.
      seed: 2,
    });
    const { report, recorder } = await runLoadTest(options);

    const failed = report.invariants.filter((invariant) => !invariant.passed);
    expect(failed).toEqual([]);
    expect(report.passed).toBe(true);

    const count = (outcome: string) =>
      report.outcomes.find((entry) => entry.outcome === outcome)?.count ?? 0;
    expect(report.outcomes.reduce((sum, entry) => sum + entry.count, 0)).toBe(60);
    expect(count("purchased")).toBeGreaterThan(0);
    expect(count("lapsed")).toBeGreaterThan(0);
    expect(count("abandoned")).toBeGreaterThan(0);
    expect(count("error")).toBe(0);
    // Three buyers per seat: the sale sells out, and never beyond the hall.
    expect(report.sales.sold).toBe(20);
    expect(report.workingSet.samples).toBeGreaterThan(10);
    expect(report.workingSet.maxSampled).toBeLessThanOrEqual(5);

    const stepsRun = report.steps.map((step) => step.step);
    const expected = [
      "connect",
      "join",
      "front-door",
      "claim",
      "seat-map",
      "hold",
      "checkout",
      "pay",
    ];
    for (const step of expected) {
      expect(stepsRun).toContain(step);
    }
    // The session door (the default): no buyer asked the web app for a ticket.
    expect(stepsRun).not.toContain("ticket");
    // The bare reference ran in the same run, with as many handshakes as buyers.
    expect(report.frontDoor.bare).toMatchObject({ attempted: 60, ok: 60 });
    expect(report.frontDoor.ratios.frontDoor).toBeGreaterThan(0);
    expect(report.timeInQueue.latencyMs?.count).toBeGreaterThan(5);
    // The generator's own loop was sampled all along the crowd (every 50 ms).
    expect(report.generatorLoopLag.latencyMs?.count).toBeGreaterThan(
      report.durationsMs.buyers / 100,
    );

    const dir = await mkdtemp(path.join(tmpdir(), "loadtest-e2e-"));
    try {
      await writeReport(dir, report, recorder);
      expect(await readFile(path.join(dir, "report.md"), "utf8")).toContain("**PASSED**");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
