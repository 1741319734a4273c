import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./percentiles";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it("gives the smallest value with at least p% at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([7], 99)).toBe(7);
  });

  it("refuses no values", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it("refuses unsorted values instead of answering wrongly", () => {
    expect(() => percentile([3, 1, 2], 50)).toThrow(/sorted/);
  });

  it("refuses NaN and infinities", () => {
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
    expect(() => percentile([1, Number.POSITIVE_INFINITY], 50)).toThrow(/finite/);
  });

  it("refuses a percentile outside [0, 100]", () => {
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
    expect(() => percentile([1, 2], -1)).toThrow(RangeError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("sorts numerically (not as strings) and reports count, mean and percentiles", () => {
    const summary = summarize([100, 9, 20, 3, 1_000]);
    expect(summary).toEqual({
      count: 5,
      min: 3,
      mean: 226.4,
      p50: 20,
      p95: 1_000,
      p99: 1_000,
      max: 1_000,
    });
  });

  it("is null for no samples", () => {
    expect(summarize([])).toBeNull();
  });

  it("fails on a NaN sample rather than hiding it", () => {
    expect(() => summarize([1, Number.NaN, 3])).toThrow(/finite/);
  });
});
