import { describe, expect, it } from "vitest";
import { Recorder } from "./recorder";
import { histogram, summarizeSteps, throughput } from "./summarize";

describe("throughput", () => {
  it("counts completions per second over the span from the first start to the last end", () => {
    const samples = [
      { endMs: 1_000, durationMs: 1_000 },
      { endMs: 2_000, durationMs: 500 },
      { endMs: 4_000, durationMs: 100 },
    ];
    expect(throughput(samples)).toBeCloseTo(3 / 4);
    expect(throughput([])).toBe(0);
  });
});

describe("histogram", () => {
  it("puts each value in the bucket whose range holds it, the last one open-ended", () => {
    const { buckets } = histogram([0, 999, 1_000, 4_999, 400_000], [0, 1_000, 5_000]);
    expect(buckets.map((bucket) => [bucket.label, bucket.count])).toEqual([
      ["0 s–1 s", 2],
      ["1 s–5 s", 2],
      ["≥ 5 s", 1],
    ]);
  });
});

describe("summarizeSteps", () => {
  it("reports latencies and errors per step and leaves out steps that never ran", () => {
    const recorder = new Recorder();
    recorder.ok("hold", 0, 40);
    recorder.ok("hold", 10, 30);
    recorder.fail("hold", "SEAT_UNAVAILABLE");
    recorder.fail("hold", "SEAT_UNAVAILABLE");
    recorder.fail("pay", "HOLD_EXPIRED");
    const steps = summarizeSteps(recorder);
    expect(steps.map((step) => step.step)).toEqual(["hold", "pay"]);
    expect(steps[0]).toMatchObject({
      ok: 2,
      failed: 2,
      errorsByCode: { SEAT_UNAVAILABLE: 2 },
      latencyMs: { p50: 20, max: 40 },
    });
    expect(steps[1]).toMatchObject({ ok: 0, failed: 1, latencyMs: null });
  });
});
