import { describe, expect, it } from "vitest";
import { decideScrape } from "./scrape-auth";

const token = "a-metrics-token-of-some-length";

describe("decideScrape", () => {
  it("is open without a token outside production, and off in production", () => {
    expect(decideScrape(null, { production: false })).toBe("allowed");
    expect(decideScrape(null, { production: true })).toBe("off");
  });

  it("wants exactly the bearer token once one is configured", () => {
    for (const production of [false, true]) {
      expect(decideScrape(`Bearer ${token}`, { token, production })).toBe("allowed");
      expect(decideScrape(`bearer ${token}`, { token, production })).toBe("allowed");
      expect(decideScrape(null, { token, production })).toBe("unauthorized");
      expect(decideScrape(`Bearer ${token}x`, { token, production })).toBe("unauthorized");
      expect(decideScrape(token, { token, production })).toBe("unauthorized");
    }
  });
});
