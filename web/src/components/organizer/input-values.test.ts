import { describe, expect, it } from "vitest";
import {
  fromUtcInput,
  majorToMinor,
  minorToMajor,
  optionalNumber,
  pricePlaceholder,
  retypePrice,
  toUtcInput,
} from "./input-values";

describe("organizer input values", () => {
  it("reads two-digit currencies exactly, without floating-point drift", () => {
    for (const currency of ["EUR", "USD", "GBP"]) {
      expect(majorToMinor("45", currency)).toBe(4_500);
      expect(majorToMinor("45.5", currency)).toBe(4_550);
      expect(majorToMinor(" 0,07 ", currency)).toBe(7);
      expect(majorToMinor("19.99", currency)).toBe(1_999);
      for (const bad of ["", "-1", "1.234", "abc", "1e3", "1."])
        expect(majorToMinor(bad, currency)).toBeNull();
      expect(minorToMajor(1_999, currency)).toBe("19.99");
      expect(minorToMajor(4_500, currency)).toBe("45.00");
    }
  });

  it("reads currencies without minor digits as whole numbers", () => {
    for (const currency of ["KRW", "JPY"]) {
      expect(majorToMinor("55000", currency)).toBe(55_000);
      expect(majorToMinor(" 0 ", currency)).toBe(0);
      for (const bad of ["55000.5", "55000.00", "55,000", "-1", ""])
        expect(majorToMinor(bad, currency)).toBeNull();
      expect(minorToMajor(55_000, currency)).toBe("55000");
    }
  });

  it("keeps a typed price's number, in the new currency's digits, when the currency changes", () => {
    expect(retypePrice("80.00", "KRW")).toBe("80");
    expect(retypePrice("80.5", "JPY")).toBe("80");
    expect(retypePrice("55000", "EUR")).toBe("55000.00");
    expect(retypePrice("45,5", "USD")).toBe("45.50");
    expect(retypePrice("abc", "KRW")).toBe("abc");
    expect(retypePrice("", "EUR")).toBe("");
    for (const currency of ["KRW", "EUR", "USD", "JPY", "GBP"]) {
      expect(majorToMinor(pricePlaceholder(currency), currency)).not.toBeNull();
    }
  });

  it("treats datetime-local values as UTC both ways", () => {
    expect(fromUtcInput("2026-12-31T19:00")).toBe("2026-12-31T19:00:00.000Z");
    expect(toUtcInput("2026-12-31T19:00:00.000Z")).toBe("2026-12-31T19:00");
    expect(fromUtcInput("")).toBeNull();
    expect(fromUtcInput("2026-13-01T00:00")).toBeNull();
  });

  it("maps an empty optional number to null (the default)", () => {
    expect(optionalNumber("")).toBeNull();
    expect(optionalNumber(" 12 ")).toBe(12);
  });
});
