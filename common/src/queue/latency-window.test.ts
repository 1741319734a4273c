import { describe, expect, it } from "vitest";
import { LatencyWindow } from "./latency-window";

const T0 = 1_700_000_000_000;

describe("a latency window", () => {
  it("answers no percentile without samples", () => {
    expect(new LatencyWindow().percentile(0.95, T0)).toBeUndefined();
  });

  it("answers the p95 as the bound of its bucket, at most the slowest sample", () => {
    const window = new LatencyWindow();
    for (let i = 0; i < 95; i++) window.record(40, T0);
    for (let i = 0; i < 5; i++) window.record(900, T0);
    expect(window.percentile(0.95, T0)).toBe(50);
    window.record(850, T0);
    expect(window.percentile(0.95, T0)).toBe(900);
  });

  it("answers the slowest sample when the percentile is beyond every bucket", () => {
    const window = new LatencyWindow();
    window.record(42_000, T0);
    expect(window.percentile(0.95, T0)).toBe(42_000);
  });

  it("forgets samples older than its seconds, slot by slot", () => {
    const window = new LatencyWindow(5);
    window.record(2_000, T0);
    window.record(30, T0 + 3_000);
    expect(window.percentile(1, T0 + 4_999)).toBe(2_000);
    expect(window.percentile(1, T0 + 5_000)).toBe(30);
    expect(window.percentile(1, T0 + 9_000)).toBeUndefined();
    // A new sample in a reused slot replaces that slot's old second entirely.
    window.record(10, T0 + 10_000);
    expect(window.percentile(1, T0 + 10_000)).toBe(10);
  });
});
