import { describe, expect, it } from "vitest";
import { formatWait, lineProgressPercent, peopleAhead } from "./wait-format";

describe("formatWait", () => {
  it("says so while no pace is known", () => {
    expect(formatWait(null)).toBe("Estimating…");
  });

  it("rounds to whole minutes, and to half hours beyond an hour", () => {
    expect(formatWait(0)).toBe("Under 1 min");
    expect(formatWait(59)).toBe("Under 1 min");
    expect(formatWait(60)).toBe("About 1 min");
    expect(formatWait(150)).toBe("About 3 min");
    expect(formatWait(3600)).toBe("About 1 h");
    expect(formatWait(5_430)).toBe("About 1.5 h");
    expect(formatWait(3 * 3600 + 600)).toBe("About 3 h");
  });
});

describe("lineProgressPercent", () => {
  it("grows as the place moves up and stays below 100 in line", () => {
    expect(lineProgressPercent(40, 40)).toBe(2);
    expect(lineProgressPercent(20, 40)).toBe(51);
    expect(lineProgressPercent(1, 40)).toBe(98);
    expect(lineProgressPercent(1, 1)).toBe(50);
  });

  it("never goes below its floor when the place is further back than the start", () => {
    expect(lineProgressPercent(50, 40)).toBe(2);
  });
});

describe("peopleAhead", () => {
  it("counts everyone before the place", () => {
    expect(peopleAhead(1)).toBe(0);
    expect(peopleAhead(12)).toBe(11);
  });
});
