import { describe, expect, it } from "vitest";
import { parseCatalogFilters } from "./catalog-filters";

describe("parseCatalogFilters", () => {
  it("keeps valid filters, trimming the search and ignoring empty fields", () => {
    expect(
      parseCatalogFilters({ q: "  aurora ", from: "2026-12-01", to: "", sale: "on-sale" }),
    ).toEqual({ filters: { q: "aurora", from: "2026-12-01", sale: "on-sale" }, invalid: [] });
  });

  it("drops only the invalid ones and names them", () => {
    expect(parseCatalogFilters({ q: "neon", from: "2026-02-30", sale: "cheap" })).toEqual({
      filters: { q: "neon" },
      invalid: ["from", "sale"],
    });
  });

  it("refuses a range that ends before it starts, and takes the first of repeated params", () => {
    expect(parseCatalogFilters({ from: "2026-12-10", to: "2026-12-01" })).toEqual({
      filters: { from: "2026-12-10" },
      invalid: ["to"],
    });
    expect(parseCatalogFilters({ sale: ["opening-soon", "on-sale"] }).filters).toEqual({
      sale: "opening-soon",
    });
  });
});
