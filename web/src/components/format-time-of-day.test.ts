import { describe, expect, it } from "vitest";
import { formatTimeOfDay } from "./format-time-of-day";

describe("time of day", () => {
  it("shows hours and minutes in UTC, whatever the machine's zone", () => {
    expect(formatTimeOfDay(new Date("2026-12-06T14:05:59.000Z"))).toBe("14:05 UTC");
    expect(formatTimeOfDay(new Date("2026-12-06T00:00:00.000Z"))).toBe("00:00 UTC");
  });
});
