import { describe, expect, it } from "vitest";
import { describeCountdown, formatCountdown } from "./use-countdown";

describe("countdown text", () => {
  it("shows days only when there are some, and rounds partial seconds up", () => {
    expect(formatCountdown(93_784_000)).toBe("1d 02:03:04");
    expect(formatCountdown(3_599_001)).toBe("01:00:00");
    expect(formatCountdown(0)).toBe("00:00:00");
  });

  it("gives screen readers words instead of digits", () => {
    expect(describeCountdown(93_784_000)).toBe("1 day 2 hours 3 minutes");
    expect(describeCountdown(30_000)).toBe("less than a minute");
  });
});
