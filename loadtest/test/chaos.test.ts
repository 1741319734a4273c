import { describe, expect, it } from "vitest";
import { chaosOptionsSchema } from "../src/chaos/options";
import { runChaos } from "../src/chaos/run-chaos";

/**
 * The chaos run, short: a few hundred buyers through the real system (its own PostgreSQL,
 * Redis and Kafka, the built web app, two queue service instances, the worker) while the
 * five faults strike one after another, shorter than in `npm run chaos`. Needs
 * `npm run build -w @ticketping/web`.
 */
describe("a short chaos run", () => {
  it("survives every fault: money, seats, places and the outbox all as they must be", async () => {
    const options = chaosOptionsSchema.parse({
      buyers: 300,
      seats: 80,
      maxActive: 4,
      holdTtl: 15,
      payDelay: 4,
      workerDown: 5,
      kafkaDown: 20,
      redisDown: 3,
      postgresDown: 5,
      faultGap: 3,
      recoveryLimit: 40,
      timeLimit: 150,
      seed: 7,
    });
    const { report } = await runChaos(options);
    // The figures, for the test log (RELIABILITY.md quotes them).
    console.info(JSON.stringify({ figures: report.figures, faults: report.faults }));

    // The faults mattered: each was injected while buyers were paying and waiting.
    expect(report.faults.map((fault) => fault.name)).toEqual([
      "worker-killed",
      "kafka-stopped",
      "redis-restarted",
      "queue-instance-killed",
      "postgres-restarted",
    ]);
    expect(report.figures.faultsInjected).toBe(5);
    expect(
      report.faults.find((fault) => fault.name === "kafka-stopped")?.paymentsDuring,
    ).toBeGreaterThan(0);
    expect(report.figures.payments).toBeGreaterThan(10);
    expect(report.places.drops).toBeGreaterThan(0);
    expect(report.places.statusChecks).toBeGreaterThan(100);
    expect(Object.keys(report.postgresOutageAnswers).length).toBeGreaterThan(0);

    const failed = report.invariants.filter((invariant) => !invariant.passed);
    expect(failed).toEqual([]);
    expect(report.figures.wrongRefunds).toBe(0);
    expect(report.figures.lostPlaces).toBe(0);
  }, 300_000);
});
