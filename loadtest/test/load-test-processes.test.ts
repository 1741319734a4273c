import { describe, expect, it } from "vitest";
import { buyerOutcomes } from "../src/buyer/context";
import { loadTestOptionsSchema } from "../src/options";
import { runLoadTest } from "../src/run-load-test";

/**
 * The load test spread out as 20,000 buyers need it, at a small size: the buyers in two
 * client processes (each from its own loopback address), the queue service and the bare
 * reference in two processes behind one port each. Every invariant must hold, and what
 * each client process counted itself must add up to the run's totals. Needs
 * `npm run build -w @ticketping/web`.
 */
describe("a flash crowd from two client processes against two queue processes", () => {
  it("passes every invariant, and each process's counts add up to the totals", async () => {
    const buyers = 200;
    const options = loadTestOptionsSchema.parse({
      buyers,
      seats: 50,
      maxActive: 20,
      abandonRate: 0.1,
      lapseRate: 0.1,
      holdTtl: 25,
      claimWindow: 10,
      disconnectGrace: 5,
      timeLimit: 120,
      clientProcesses: 2,
      queueProcesses: 2,
      seed: 7,
    });
    const { report, buyers: results } = await runLoadTest(options);

    expect(report.invariants.filter((invariant) => !invariant.passed)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.scenario).toMatchObject({ clientProcesses: 2, queueProcesses: 2 });

    // Every buyer came back exactly once, with one outcome.
    expect(results).toHaveLength(buyers);
    expect(new Set(results.map((result) => result.userId)).size).toBe(buyers);
    for (const result of results) expect(Object.keys(buyerOutcomes)).toContain(result.outcome);
    const count = (outcome: string) =>
      report.outcomes.find((entry) => entry.outcome === outcome)?.count ?? 0;
    expect(report.outcomes.reduce((sum, entry) => sum + entry.count, 0)).toBe(buyers);
    expect(count("purchased")).toBeGreaterThan(0);
    // On a loaded machine a buyer may take longer than the hold from seats to payment
    // (HOLD_EXPIRED, a refusal the invariants check the aftermath of); nothing else fails.
    const errorCodes = Object.keys(
      report.outcomes.find((entry) => entry.outcome === "error")?.codes ?? {},
    );
    expect(errorCodes.filter((code) => !code.endsWith("HOLD_EXPIRED"))).toEqual([]);
    expect(count("timed-out")).toBe(0);
    expect(report.sales.sold).toBe(50);
    expect(report.workingSet.maxSampled).toBeLessThanOrEqual(20);

    // Each client process's own counts add up to the totals the run reports.
    const { clients } = report;
    expect(clients.map((share) => share.address)).toEqual(["127.0.0.2", "127.0.0.3"]);
    expect(clients.map((share) => share.buyers)).toEqual([100, 100]);
    for (const outcome of report.outcomes) {
      const perProcess = clients.map((share) => share.outcomes[outcome.outcome] ?? 0);
      expect(perProcess.reduce((sum, value) => sum + value, 0)).toBe(outcome.count);
    }
    const samples = report.steps.reduce((sum, step) => sum + step.ok, 0);
    expect(clients.reduce((sum, share) => sum + share.stepSamples, 0)).toBe(samples);
    for (const share of clients) expect(share.stepSamples).toBeGreaterThan(0);

    // The bare reference: as many sockets as buyers, from the same two processes, to a
    // server in as many processes as the queue service.
    expect(report.frontDoor.bare).toMatchObject({
      attempted: buyers,
      ok: buyers,
      serverProcesses: 2,
      clientProcesses: 2,
    });
    expect(clients.map((share) => share.bareOk)).toEqual([100, 100]);
    expect(report.frontDoor.ratios.frontDoor).toBeGreaterThan(0);

    // CPU and memory of every client process, and of the queue service's processes.
    for (const name of ["client process 1 (127.0.0.2)", "client process 2 (127.0.0.3)"]) {
      const row = report.processes.find((entry) => entry.name === name);
      expect(row?.cpuSeconds).toBeGreaterThan(0);
      expect(row?.peakRssMiB).toBeGreaterThan(0);
    }
    expect(report.processes.map((entry) => entry.name)).toContain(
      "queue-service (primary + 2 processes, added up)",
    );
  }, 240_000);
});
