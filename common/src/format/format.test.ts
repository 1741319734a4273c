import { describe, expect, it } from "vitest";
import { formatMoney, formatShowTime, isTimeZone } from ".";

describe("formatting for buyers", () => {
  it("writes a show time on the venue's clock, naming the zone", () => {
    const startsAt = new Date("2026-12-20T10:30:00Z");
    expect(formatShowTime(startsAt, "Asia/Seoul")).toBe("Sun, 20 Dec 2026, 19:30 (Asia/Seoul)");
    expect(formatShowTime(startsAt, "Europe/London")).toBe(
      "Sun, 20 Dec 2026, 10:30 (Europe/London)",
    );
    // Past midnight there: the date moves too.
    expect(formatShowTime(new Date("2026-12-20T16:00:00Z"), "Asia/Seoul")).toMatch(/^Mon, 21 Dec/);
  });

  it("formats minor units by the currency's own exponent", () => {
    expect(formatMoney(12000, "EUR")).toBe("€120.00");
    expect(formatMoney(55000, "KRW")).toBe("₩55,000");
  });

  it("knows IANA zone names", () => {
    expect(isTimeZone("Asia/Seoul")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
