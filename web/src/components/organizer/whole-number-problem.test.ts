import { describe, expect, it } from "vitest";
import { wholeNumberProblem } from "./whole-number-problem";

const words = { whole: "whole", min: "min", max: "max" };

describe("wholeNumberProblem", () => {
  it("names the rule a typed number breaks, and nothing for a number in range", () => {
    const limits = { min: 1, max: 100 };
    expect(wholeNumberProblem(0, limits, words)).toBe("min");
    expect(wholeNumberProblem(101, limits, words)).toBe("max");
    expect(wholeNumberProblem(2.5, limits, words)).toBe("whole");
    // An empty or unreadable field reads as NaN.
    expect(wholeNumberProblem(Number.NaN, limits, words)).toBe("whole");
    expect(wholeNumberProblem(1, limits, words)).toBeNull();
    expect(wholeNumberProblem(100, limits, words)).toBeNull();
  });
});
