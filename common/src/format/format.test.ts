import { describe, expect, it } from "vitest";
import {
  currencyDigits,
  currencySymbol,
  formatMoney,
  formatShowTime,
  isTimeZone,
  plainAmount,
  timeZoneNames,
} from ".";

describe("formatting for buyers", () => {
  it("writes a show time on the venue's clock, with its offset or abbreviation and the zone", () => {
    const startsAt = new Date("2026-12-20T10:30:00Z");
    expect(formatShowTime(startsAt, "Asia/Seoul")).toBe(
      "Sun, 20 Dec 2026, 19:30 GMT+9 (Asia/Seoul)",
    );
    expect(formatShowTime(startsAt, "Europe/Paris")).toBe(
      "Sun, 20 Dec 2026, 11:30 CET (Europe/Paris)",
    );
    expect(formatShowTime(startsAt, "Europe/London")).toBe(
      "Sun, 20 Dec 2026, 10:30 GMT (Europe/London)",
    );
    // Summer time has its own abbreviation.
    expect(formatShowTime(new Date("2026-07-01T18:00:00Z"), "Europe/Paris")).toBe(
      "Wed, 1 Jul 2026, 20:00 CEST (Europe/Paris)",
    );
    // Past midnight there: the date moves too.
    expect(formatShowTime(new Date("2026-12-20T16:00:00Z"), "Asia/Seoul")).toMatch(/^Mon, 21 Dec/);
  });

  it("writes a show time in Korean for Korean buyers, still on the venue's clock", () => {
    const startsAt = new Date("2026-12-20T10:30:00Z");
    expect(formatShowTime(startsAt, "Asia/Seoul", "ko")).toBe(
      "2026년 12월 20일 (일) 19:30 GMT+9 (Asia/Seoul)",
    );
    expect(formatShowTime(startsAt, "Europe/Paris", "ko")).toMatch(
      /^2026년 12월 20일 \(일\) 11:30 /,
    );
  });

  it("formats money for the buyer's language in the performance's currency", () => {
    expect(formatMoney(55000, "KRW", "ko")).toBe("₩55,000");
    expect(formatMoney(12000, "EUR", "ko")).toBe("€120.00");
    expect(formatMoney(12000, "USD", "en")).toBe("US$120.00");
  });

  it("keeps one formatter per language and currency, so each language keeps its own words", () => {
    // In either order and again: a formatter kept for one language must not answer another.
    for (const locale of ["ko", "en", "ko"] as const) {
      expect(formatMoney(12345, "AUD", locale)).toBe(
        new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-GB", {
          style: "currency",
          currency: "AUD",
        }).format(123.45),
      );
    }
    expect(formatMoney(12345, "AUD", "ko")).not.toBe(formatMoney(12345, "AUD", "en"));
  });

  it("formats minor units by the currency's own exponent", () => {
    expect(formatMoney(12000, "EUR")).toBe("€120.00");
    expect(formatMoney(55000, "KRW")).toBe("₩55,000");
    expect(plainAmount(12000, "EUR")).toBe("120.00");
    expect(plainAmount(123456, "EUR")).toBe("1234.56");
    expect(plainAmount(55000, "KRW")).toBe("55000");
    expect([currencyDigits("KRW"), currencyDigits("JPY"), currencyDigits("GBP")]).toEqual([
      0, 0, 2,
    ]);
  });

  it("names a currency's sign in the buyer's language", () => {
    expect(currencySymbol("KRW", "ko")).toBe("₩");
    expect(currencySymbol("EUR", "en")).toBe("€");
    expect(currencySymbol("JPY", "en")).toBe("JP¥");
  });

  it("knows IANA zone names", () => {
    expect(isTimeZone("Asia/Seoul")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("lists the zones a hall can pick, keeping one Intl accepts but does not list", () => {
    expect(timeZoneNames()).toContain("Europe/Paris");
    expect(timeZoneNames()).not.toContain("UTC");
    expect(timeZoneNames("UTC")[0]).toBe("UTC");
    expect(timeZoneNames("Asia/Seoul").filter((zone) => zone === "Asia/Seoul")).toHaveLength(1);
  });
});
