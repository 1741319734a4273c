import { describe, expect, it } from "vitest";
import { Recorder } from "./recorder";

describe("Recorder", () => {
  it("merges another process's figures, sent as plain data, onto its own time line", () => {
    const run = new Recorder();
    // Another process's recorder counts from the same start of the run.
    const other = new Recorder(run.originEpochMs);
    expect(Math.abs(other.now() - run.now())).toBeLessThan(50);
    run.ok("hold", 0, 10);
    run.fail("hold", "SEAT_UNAVAILABLE");
    other.ok("hold", 100, 130);
    other.ok("pay", 200, 260);
    other.fail("hold", "SEAT_UNAVAILABLE");
    other.fail("pay", "TIMEOUT");
    other.queueWait(1_500);

    run.merge(JSON.parse(JSON.stringify(other.snapshot())) as ReturnType<Recorder["snapshot"]>);

    expect(run.samples.get("hold")).toEqual([
      { endMs: 10, durationMs: 10 },
      { endMs: 130, durationMs: 30 },
    ]);
    expect(run.samples.get("pay")).toEqual([{ endMs: 260, durationMs: 60 }]);
    expect(Object.fromEntries(run.errors.get("hold") ?? [])).toEqual({ SEAT_UNAVAILABLE: 2 });
    expect(Object.fromEntries(run.errors.get("pay") ?? [])).toEqual({ TIMEOUT: 1 });
    expect(run.queueWaitsMs).toEqual([1_500]);
  });
});

describe("Recorder.sampleLoopLag", () => {
  it("records how late a blocked event loop ran its timer, and merges it from another process", async () => {
    const run = new Recorder();
    const other = new Recorder(run.originEpochMs);
    const stop = other.sampleLoopLag();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const blockedUntil = Date.now() + 300;
    while (Date.now() < blockedUntil) {
      // The loop is busy, as with thousands of handshakes at once.
    }
    await new Promise((resolve) => setTimeout(resolve, 120));
    stop();
    const count = other.loopLag.length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(other.loopLag.length).toBe(count);

    run.merge(JSON.parse(JSON.stringify(other.snapshot())) as ReturnType<Recorder["snapshot"]>);
    const lags = run.loopLag.map((sample) => sample.durationMs);
    expect(Math.max(...lags)).toBeGreaterThanOrEqual(200);
    expect(lags.filter((lag) => lag < 40).length).toBeGreaterThan(0);
  });
});
