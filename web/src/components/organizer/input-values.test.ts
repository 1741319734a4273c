import { describe, expect, it } from "vitest";
import {
  eurosToMinor,
  fromUtcInput,
  minorToEuros,
  optionalNumber,
  toUtcInput,
} from "./input-values";

describe("organizer input values", () => {
  it("reads euro amounts exactly, without floating-point drift", () => {
    expect(eurosToMinor("45")).toBe(4_500);
    expect(eurosToMinor("45.5")).toBe(4_550);
    expect(eurosToMinor(" 0,07 ")).toBe(7);
    expect(eurosToMinor("19.99")).toBe(1_999);
    for (const bad of ["", "-1", "1.234", "abc", "1e3"]) expect(eurosToMinor(bad)).toBeNull();
    expect(minorToEuros(1_999)).toBe("19.99");
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
