import { describe, expect, it } from "vitest";
import { checkSale } from "./check-sale";
import type { SaleRecord } from "./sale-record";
import { shuffleVectors } from "./vectors";

const vector = shuffleVectors.find((candidate) => candidate.entrants.length === 100);
if (!vector) throw new Error("no 100-entrant vector");

const revealed: SaleRecord = {
  performanceId: "any",
  algorithm: "ticketping-shuffle-v1",
  commitment: vector.commitment,
  shuffledAt: "2026-12-06T18:00:00.000Z",
  seed: vector.seed,
  entrants: vector.entrants,
  lineOrder: vector.lineOrder,
};

describe("checkSale", () => {
  it("matches a record whose seed, entrants and line agree", () => {
    expect(checkSale(revealed)).toEqual({ outcome: "matches", entrants: 100 });
    expect(checkSale(revealed, { commitment: vector.commitment })).toMatchObject({
      outcome: "matches",
    });
  });

  it("waits for the reveal before the opening", () => {
    const committed = { ...revealed, seed: null, entrants: null, lineOrder: null };
    expect(checkSale(committed)).toEqual({ outcome: "not-yet-revealed" });
  });

  it.each([
    ["another seed", { seed: "0".repeat(64) }, /does not hash to the commitment/],
    ["another commitment", { commitment: "1".repeat(64) }, /does not hash to the commitment/],
    ["two places swapped", { lineOrder: swapped(vector.lineOrder, 10, 70) }, /place 11 /],
    ["a dropped entrant", { entrants: vector.entrants.slice(1) }, /99 entrants but 100 places/],
    ["a reordered entrant list", { entrants: swapped(vector.entrants, 0, 1) }, /place \d+ /],
    ["an unknown algorithm", { algorithm: "ticketping-shuffle-v0" }, /unknown algorithm/],
  ])("does not match with %s", (_name, tampered: Partial<SaleRecord>, reason) => {
    const verdict = checkSale({ ...revealed, ...tampered });
    expect(verdict.outcome).toBe("does-not-match");
    expect(verdict.outcome === "does-not-match" && verdict.reasons.join("\n")).toMatch(reason);
  });

  it("does not match when the commitment is not the one noted before the sale", () => {
    expect(checkSale(revealed, { commitment: "2".repeat(64) })).toMatchObject({
      outcome: "does-not-match",
    });
  });
});

function swapped(list: readonly string[], a: number, b: number): string[] {
  const copy = [...list];
  [copy[a], copy[b]] = [list[b] ?? "", list[a] ?? ""];
  return copy;
}
