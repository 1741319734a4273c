import { describe, expect, it } from "vitest";
import { chartTicks } from "./chart-ticks";

describe("chartTicks", () => {
  it("ticks whole people only", () => {
    expect(chartTicks(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(chartTicks(1)).toEqual({ max: 1, ticks: [0, 1] });
    expect(chartTicks(2)).toEqual({ max: 2, ticks: [0, 1, 2] });
    expect(chartTicks(3)).toEqual({ max: 5, ticks: [0, 5] });
    expect(chartTicks(7)).toEqual({ max: 10, ticks: [0, 5, 10] });
    expect(chartTicks(40)).toEqual({ max: 50, ticks: [0, 25, 50] });
    expect(chartTicks(1_001)).toEqual({ max: 2_000, ticks: [0, 1_000, 2_000] });
  });

  it("keeps every tick a whole number, whatever the largest value", () => {
    for (let largest = 0; largest <= 5_000; largest += 7) {
      const { max, ticks } = chartTicks(largest);
      expect(max).toBeGreaterThanOrEqual(largest);
      for (const tick of ticks) expect(Number.isInteger(tick)).toBe(true);
    }
  });
});
