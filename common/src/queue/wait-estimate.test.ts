import { describe, expect, it } from "vitest";
import type { QueueProgress } from "./protocol";
import { addPaceSample, estimateWait, type PaceSample } from "./wait-estimate";

const progress = (at: number, admittedTotal: number): QueueProgress => ({
  performanceId: "p",
  phase: "open",
  servedSeq: admittedTotal,
  admittedTotal,
  throughputPerSec: 0,
  waiting: 100,
  preQueued: 0,
  active: 10,
  maxActive: 10,
  admitRatePerSec: 5,
  opensAt: 0,
  closesAt: 0,
  generalPhase: "open",
  generalOpensAt: 0,
  generalPreQueued: 0,
  pausedFromSeq: 0,
  at,
});

/** Broadcasts every second at `perSecond` admissions a second, for `seconds` seconds. */
function steady(perSecond: number, seconds: number, from: PaceSample[] = []): PaceSample[] {
  let samples = from;
  const start = samples.at(-1) ?? { at: 0, admittedTotal: 0 };
  for (let second = 1; second <= seconds; second += 1) {
    samples = addPaceSample(
      samples,
      progress(start.at + second * 1000, start.admittedTotal + second * perSecond),
    );
  }
  return samples;
}

describe("estimateWait", () => {
  it("says next at the front, even when admissions have stalled", () => {
    const stalled = steady(0, 30, steady(2, 30));
    expect(estimateWait({ ahead: 0, samples: stalled, serverPace: 0.01 })).toEqual({
      kind: "next",
    });
  });

  it("knows nothing before the line has moved", () => {
    expect(estimateWait({ ahead: 5, samples: steady(0, 10), serverPace: 0 })).toEqual({
      kind: "unknown",
    });
  });

  it("narrows to one figure when every measured pace agrees", () => {
    const samples = steady(2, 60);
    expect(estimateWait({ ahead: 59, samples, serverPace: 2 })).toEqual({
      kind: "range",
      lowSeconds: 30,
      highSeconds: 30,
    });
  });

  it("widens rather than jumps when admissions pause (the working set is full)", () => {
    const moving = steady(2, 60);
    const paused = steady(0, 10, moving);
    const estimate = estimateWait({ ahead: 19, samples: paused, serverPace: 0.7 });
    expect(estimate.kind).toBe("range");
    if (estimate.kind !== "range") return;
    // 20 admissions away: at the two minutes' pace about 12 s, at the smoothed pace ~29 s.
    expect(estimate.lowSeconds).toBeLessThan(15);
    expect(estimate.highSeconds).toBeGreaterThan(25);
    expect(estimate.highSeconds).toBeLessThan(60);
  });

  it("keeps two minutes of samples and drops what a reconnect replays out of order", () => {
    const samples = steady(1, 200);
    expect(samples[0]?.at).toBeGreaterThan(200_000 - 120_000);
    const replayed = addPaceSample(samples, progress(150_000, 150));
    expect(replayed.at(-1)).toEqual({ at: 150_000, admittedTotal: 150 });
    expect(replayed.every((sample) => sample.at <= 150_000)).toBe(true);
  });
});
