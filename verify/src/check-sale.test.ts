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

describe("checkSale with a presale: the opening's round and the general sale's", () => {
  const general = shuffleVectors.find((candidate) => candidate.entrants.length === 31);
  if (!general) throw new Error("no 31-entrant vector");
  const generalSale = {
    opensAt: "2026-12-06T19:00:00.000Z",
    commitment: general.commitment,
    shuffledAt: "2026-12-06T19:00:00.120Z",
    seed: general.seed,
    entrants: general.entrants,
    lineOrder: general.lineOrder,
  };
  const both: SaleRecord = { ...revealed, generalSale };

  it("matches when both rounds reproduce their lines from their own seeds", () => {
    expect(checkSale(both)).toEqual({ outcome: "matches", entrants: 100, generalEntrants: 31 });
    expect(
      checkSale(both, { commitment: vector.commitment, generalCommitment: general.commitment }),
    ).toMatchObject({ outcome: "matches" });
  });

  it("checks the opening and waits for the general sale's reveal", () => {
    const pending = {
      ...both,
      generalSale: {
        ...generalSale,
        shuffledAt: null,
        seed: null,
        entrants: null,
        lineOrder: null,
      },
    };
    expect(checkSale(pending)).toEqual({ outcome: "not-yet-revealed", opening: { entrants: 100 } });
    // A fault in the opening's round is told at once, not after the general sale.
    const tampered = { ...pending, lineOrder: swapped(vector.lineOrder, 0, 1) };
    expect(checkSale(tampered).outcome).toBe("does-not-match");
  });

  it.each([
    [
      "two places of its line swapped",
      { lineOrder: swapped(general.lineOrder, 3, 20) },
      /^general sale: place 4 /,
    ],
    ["its line in join order", { lineOrder: general.entrants }, /^general sale: place \d+ /],
    [
      "the opening's seed in its place",
      { seed: vector.seed },
      /^general sale: the revealed seed does not hash to the commitment/,
    ],
    [
      "an entrant dropped from its line",
      { lineOrder: general.lineOrder.slice(1) },
      /^general sale: 31 entrants but 30 places/,
    ],
  ])("does not match with the general sale's %s", (_name, tampered, reason) => {
    const verdict = checkSale({ ...both, generalSale: { ...generalSale, ...tampered } });
    expect(verdict.outcome).toBe("does-not-match");
    expect(verdict.outcome === "does-not-match" && verdict.reasons.join("\n")).toMatch(reason);
  });

  it("does not match when the general sale's commitment is not the one noted", () => {
    expect(checkSale(both, { generalCommitment: "3".repeat(64) })).toMatchObject({
      outcome: "does-not-match",
    });
    expect(checkSale(revealed, { generalCommitment: general.commitment })).toMatchObject({
      outcome: "does-not-match",
    });
  });

  it("checks a noted general commitment against the published one when no general round ran", () => {
    // A presale removed before its round: the record has no general sale, only its commitment.
    const noRound: SaleRecord = { ...revealed, generalCommitment: general.commitment };
    expect(checkSale(noRound, { generalCommitment: general.commitment })).toEqual({
      outcome: "matches",
      entrants: 100,
    });
    const verdict = checkSale(noRound, { generalCommitment: "3".repeat(64) });
    expect(verdict.outcome === "does-not-match" && verdict.reasons).toEqual([
      `general sale: the published commitment ${general.commitment} is not the one you noted, ${"3".repeat(64)}`,
    ]);
  });
});

function swapped(list: readonly string[], a: number, b: number): string[] {
  const copy = [...list];
  [copy[a], copy[b]] = [list[b] ?? "", list[a] ?? ""];
  return copy;
}
