import { describe, expect, it } from "vitest";
import { negotiateLocale } from ".";

describe("choosing a buyer's language", () => {
  it("keeps the language the buyer chose, whatever the browser says", () => {
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "ko-KR,ko;q=0.9" })).toBe("en");
    expect(negotiateLocale({ cookie: "ko", acceptLanguage: "en-US" })).toBe("ko");
  });

  it("ignores a cookie naming a language we do not speak", () => {
    expect(negotiateLocale({ cookie: "fr", acceptLanguage: "ko" })).toBe("ko");
    expect(negotiateLocale({ cookie: "", acceptLanguage: null })).toBe("en");
  });

  it("takes the browser's best language we speak, regional tags included", () => {
    expect(negotiateLocale({ acceptLanguage: "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7" })).toBe("ko");
    expect(negotiateLocale({ acceptLanguage: "fr-FR,fr;q=0.9,ko;q=0.5,en;q=0.4" })).toBe("ko");
    expect(negotiateLocale({ acceptLanguage: "en-GB,ko;q=0.8" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "KO" })).toBe("ko");
  });

  it("orders by quality, not by position", () => {
    expect(negotiateLocale({ acceptLanguage: "en;q=0.3, ko;q=0.8" })).toBe("ko");
    expect(negotiateLocale({ acceptLanguage: "ko;q=0, en" })).toBe("en");
  });

  it("falls back to English when nothing matches or the header is junk", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "fr, de;q=0.5" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "*" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: ";;;,q=,ko;q=abc" })).toBe("en");
  });
});
