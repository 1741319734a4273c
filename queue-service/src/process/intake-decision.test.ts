import { describe, expect, it } from "vitest";
import { decideIntake } from "./intake-decision";

describe("decideIntake", () => {
  it("keeps accepting up to its fair share plus a tenth", () => {
    expect(decideIntake({ own: 110, others: [100, 90], accepting: true })).toBe(true);
    expect(decideIntake({ own: 120, others: [90, 90], accepting: true })).toBe(false);
  });

  it("stays aside until it is back within half the margin", () => {
    // Fair share 100, margin 10: stopped above 110, resumes at 105 or fewer.
    expect(decideIntake({ own: 107, others: [97, 96], accepting: false })).toBe(false);
    expect(decideIntake({ own: 104, others: [98, 98], accepting: false })).toBe(true);
  });

  it("allows a few connections over an even split of a handful", () => {
    expect(decideIntake({ own: 4, others: [0], accepting: true })).toBe(true);
    expect(decideIntake({ own: 9, others: [0], accepting: true })).toBe(false);
  });

  it("steps aside for a restarted process until it caught up", () => {
    expect(decideIntake({ own: 15_000, others: [0], accepting: true })).toBe(false);
    expect(decideIntake({ own: 0, others: [15_000], accepting: true })).toBe(true);
  });

  it("accepts alone whatever it holds", () => {
    expect(decideIntake({ own: 5_000, others: [], accepting: true })).toBe(true);
  });
});
