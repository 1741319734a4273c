import { describe, expect, it } from "vitest";
import { derivePosition } from "./position";
import type { QueueProgress } from "./protocol";

const progress = (overrides: Partial<QueueProgress>): QueueProgress => ({
  performanceId: "p",
  phase: "open",
  servedSeq: 0,
  admittedTotal: 0,
  throughputPerSec: 0,
  waiting: 0,
  preQueued: 0,
  active: 0,
  maxActive: 10,
  admitRatePerSec: 5,
  opensAt: 0,
  closesAt: 0,
  generalPhase: "open",
  generalOpensAt: 0,
  generalPreQueued: 0,
  pausedFromSeq: 0,
  at: 0,
  ...overrides,
});

describe("derivePosition", () => {
  const baseline = { seq: 120, position: 20, admittedTotal: 100 };

  it("moves up by every admission since the baseline", () => {
    expect(
      derivePosition(
        baseline,
        progress({ admittedTotal: 107, servedSeq: 107, throughputPerSec: 2 }),
      ),
    ).toEqual({ position: 13 });
  });

  it("uses the served sequence when buyers ahead left before being admitted", () => {
    // 10 of the 19 ahead left; 5 admitted since: 4 remain ahead.
    expect(
      derivePosition(baseline, progress({ admittedTotal: 105, servedSeq: 115 })).position,
    ).toBe(5);
  });

  it("never goes below 1", () => {
    expect(derivePosition(baseline, progress({ admittedTotal: 500, servedSeq: 500 }))).toEqual({
      position: 1,
    });
  });
});
