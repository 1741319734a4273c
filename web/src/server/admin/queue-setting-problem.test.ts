import { describe, expect, it } from "vitest";
import { findQueueSettingProblem, queueSettingWords } from "./queue-setting-problem";

describe("findQueueSettingProblem", () => {
  it("says what each limit means in the setting's own unit", () => {
    expect(findQueueSettingProblem("maxActive", 0)).toBe("At least 1 buyer.");
    expect(findQueueSettingProblem("maxActive", 100_001)).toBe("At most 100,000 buyers.");
    expect(findQueueSettingProblem("admitRatePerSec", 0)).toBe("At least 1 admission a second.");
    expect(findQueueSettingProblem("tokenTtlSeconds", 30)).toBe("At least 60 seconds.");
    expect(findQueueSettingProblem("refuseRatio", 1000)).toBe("At most 100 times the seats left.");
    expect(findQueueSettingProblem("powComplexity", 1_000_001)).toBe("At most 1,000,000.");
  });

  it("asks for whole numbers except where a fraction makes sense", () => {
    expect(findQueueSettingProblem("admitRatePerSec", 1.5)).toBe(
      "A whole number of admissions a second.",
    );
    expect(findQueueSettingProblem("powComplexity", 1.5)).toBe("A whole number.");
    expect(findQueueSettingProblem("refuseRatio", 2.5)).toBeNull();
  });

  it("leaves empty and valid values alone, and refuses what is not a number", () => {
    expect(findQueueSettingProblem("maxActive", null)).toBeNull();
    expect(findQueueSettingProblem("maxActive", 1)).toBeNull();
    expect(findQueueSettingProblem("powComplexity", 0)).toBeNull();
    expect(findQueueSettingProblem("maxActive", Number.NaN)).toBe(
      "Enter a number, or leave it empty for the default.",
    );
  });

  it("never shows the validator's own text", () => {
    expect(queueSettingWords("tokenTtlSeconds", "max")).toBe("At most 86,400 seconds.");
  });
});
