import { describe, expect, it } from "vitest";
import { nextPace, PACE_HOLD_AFTER_CUT_MS, PACE_STEP_MS } from "./next-pace";

const T0 = 1_000_000;
const signal = (overrides: Partial<Parameters<typeof nextPace>[1]> = {}) => ({
  ceiling: 50,
  bookingP95Ms: 100,
  targetMs: 400,
  open: true,
  now: T0,
  ...overrides,
});
const fresh = { pace: undefined, steppedAt: 0, cutAt: 0 };

/** Steps once a second from `state` with the same signal, answering every pace. */
function run(state: Parameters<typeof nextPace>[0], steps: number, p95: number | undefined) {
  const paces: number[] = [];
  let current = state;
  for (let i = 1; i <= steps; i++) {
    current = nextPace(current, signal({ bookingP95Ms: p95, now: T0 + i * PACE_STEP_MS }));
    paces.push(current.pace ?? Number.NaN);
  }
  return { paces, state: current };
}

describe("the admission pace", () => {
  it("starts a sale at a fifth of the organizer's rate, at least 1/s, and waits there until it opens", () => {
    expect(nextPace(fresh, signal())).toEqual({ pace: 10, steppedAt: T0, cutAt: 0 });
    expect(nextPace(fresh, signal({ ceiling: 3 })).pace).toBe(1);
    const waiting = nextPace(fresh, signal({ open: false }));
    expect(waiting.pace).toBe(10);
    // Before the opening nothing moves, however fast the booking pages answer.
    expect(nextPace(waiting, signal({ open: false, now: T0 + 60_000 }))).toBe(waiting);
    // A pace left from an earlier sale of the line goes back to the slow start.
    expect(nextPace({ pace: 50, steppedAt: T0, cutAt: T0 }, signal({ open: false })).pace).toBe(10);
  });

  it("rises by a twentieth of the organizer's rate a second while the booking path is fast, up to it", () => {
    const { paces } = run({ pace: 10, steppedAt: T0, cutAt: 0 }, 6, 100);
    expect(paces).toEqual([12.5, 15, 17.5, 20, 22.5, 25]);
    expect(run({ pace: 48, steppedAt: T0, cutAt: 0 }, 3, 100).paces).toEqual([50, 50, 50]);
  });

  it("steps at most once a second, however often the queue ticks", () => {
    const state = { pace: 10, steppedAt: T0, cutAt: 0 };
    expect(nextPace(state, signal({ now: T0 + PACE_STEP_MS - 1 }))).toBe(state);
    expect(nextPace(state, signal({ now: T0 + PACE_STEP_MS })).pace).toBe(12.5);
  });

  it("halves when the booking path is over the target, then holds while the cut takes effect", () => {
    const cut = nextPace(
      { pace: 40, steppedAt: T0, cutAt: 0 },
      signal({ bookingP95Ms: 900, now: T0 + PACE_STEP_MS }),
    );
    expect(cut).toEqual({ pace: 20, steppedAt: T0 + PACE_STEP_MS, cutAt: T0 + PACE_STEP_MS });
    // Still slow one second later: the window still holds the seconds before the cut.
    const held = nextPace(cut, signal({ bookingP95Ms: 900, now: T0 + 2 * PACE_STEP_MS }));
    expect(held.pace).toBe(20);
    const again = nextPace(
      held,
      signal({ bookingP95Ms: 900, now: T0 + PACE_STEP_MS + PACE_HOLD_AFTER_CUT_MS }),
    );
    expect(again.pace).toBe(10);
  });

  it("never goes below 1/s, however slow the booking path stays", () => {
    const { paces } = run({ pace: 50, steppedAt: T0, cutAt: 0 }, 60, 5_000);
    expect(Math.min(...paces)).toBe(1);
    expect(paces.at(-1)).toBe(1);
  });

  it("never goes above the organizer's rate, and follows it down when the organizer lowers it", () => {
    const { paces } = run({ pace: 10, steppedAt: T0, cutAt: 0 }, 30, 10);
    expect(Math.max(...paces)).toBe(50);
    const lowered = nextPace(
      { pace: 50, steppedAt: T0, cutAt: 0 },
      signal({ ceiling: 20, now: T0 + PACE_STEP_MS }),
    );
    expect(lowered.pace).toBe(20);
  });

  it("without a signal keeps the pace and climbs slowly to the organizer's rate: an idle web app never stalls a sale", () => {
    const { paces } = run({ pace: 10, steppedAt: T0, cutAt: 0 }, 60, undefined);
    expect(paces[0]).toBe(11);
    expect(paces[4]).toBeCloseTo(15);
    expect(paces.at(-1)).toBe(50);
    // Sorted: it never falls without a signal.
    expect([...paces].sort((a, b) => a - b)).toEqual(paces);
  });
});
