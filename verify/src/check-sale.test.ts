import { describe, expect, it } from "vitest";
import { checkSale, GENERAL_ROUND_GRACE_MS } from "./check-sale";
import type { SaleRecord } from "./sale-record";
import { shuffleWithSeed } from "./shuffle";
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
  it("matches a record whose seed, entrants and line agree, and says it has one round", () => {
    expect(checkSale(revealed)).toEqual({
      outcome: "matches",
      entrants: 100,
      singleRound: "no-general-round",
    });
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
    [
      "an entrant listed twice",
      {
        entrants: [...vector.entrants, vector.entrants[5] ?? ""],
        lineOrder: shuffleWithSeed(vector.seed, [...vector.entrants, vector.entrants[5] ?? ""]),
      },
      new RegExp(`${vector.entrants[5] ?? ""} is listed twice in the entrants`),
    ],
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
  const found = shuffleVectors.find((candidate) => candidate.entrants.length === 31);
  if (!found) throw new Error("no 31-entrant vector");
  // Other buyers than the opening's (the vectors all name theirs e0001...): the shuffle moves
  // places, whatever the ids, so the renamed line is still the vector's.
  const renamed = (ids: readonly string[]) => ids.map((id) => id.replace(/^e/, "g"));
  const general = {
    ...found,
    entrants: renamed(found.entrants),
    lineOrder: renamed(found.lineOrder),
  };
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
    expect(checkSale(both, { now: Date.parse(generalSale.opensAt) + 86_400_000 })).toEqual({
      outcome: "matches",
      entrants: 100,
      generalEntrants: 31,
    });
    expect(
      checkSale(both, { commitment: vector.commitment, generalCommitment: general.commitment }),
    ).toMatchObject({ outcome: "matches" });
  });

  const pendingRound = {
    ...generalSale,
    shuffledAt: null,
    seed: null,
    entrants: null,
    lineOrder: null,
  };
  const generalAt = Date.parse(generalSale.opensAt);

  it("does not match when both rounds have one commitment (one seed for both)", () => {
    const reused = {
      ...both,
      generalSale: { ...pendingRound, commitment: vector.commitment },
    };
    // Told before either reveal: the commitments are published from the start (with no
    // general round yet, as the record's generalCommitment).
    const noRound = { ...revealed, generalCommitment: vector.commitment };
    for (const record of [
      reused,
      { ...reused, seed: null, entrants: null, lineOrder: null },
      noRound,
    ]) {
      const verdict = checkSale(record, { now: generalAt - 60_000 });
      expect(verdict.outcome).toBe("does-not-match");
      expect(verdict.outcome === "does-not-match" && verdict.reasons.join("\n")).toMatch(
        /^general sale: its commitment is the opening's/m,
      );
    }
  });

  it("does not match when the round's commitment is not the sale's published general one", () => {
    const verdict = checkSale({ ...both, generalCommitment: "0".repeat(64) });
    expect(verdict.outcome).toBe("does-not-match");
    expect(verdict.outcome === "does-not-match" && verdict.reasons.join("\n")).toMatch(
      /^general sale: the round's commitment \w+ is not the sale's published general commitment 0+$/m,
    );
    expect(checkSale({ ...both, generalCommitment: general.commitment })).toMatchObject({
      outcome: "matches",
    });
  });

  it("does not match when a presale's general sale passed long ago without a round", () => {
    const missing = { ...both, generalSale: pendingRound };
    const justAfter = checkSale(missing, { now: generalAt + GENERAL_ROUND_GRACE_MS - 1_000 });
    expect(justAfter).toEqual({ outcome: "not-yet-revealed", opening: { entrants: 100 } });
    const verdict = checkSale(missing, { now: generalAt + GENERAL_ROUND_GRACE_MS + 1_000 });
    expect(verdict.outcome).toBe("does-not-match");
    expect(verdict.outcome === "does-not-match" && verdict.reasons).toEqual([
      `general sale: it opened at ${generalSale.opensAt}, after a presale, yet the record has no round of its own (no seed, entrants or line)`,
    ]);
  });

  it("accepts a round not run because the sale closed within the grace after its instant, and no later", () => {
    const closedAt = (ms: number) => ({
      ...both,
      generalSale: {
        ...pendingRound,
        notRun: {
          reason: "SALE_CLOSED" as const,
          closedAt: new Date(generalAt + ms).toISOString(),
        },
      },
    });
    // Long after, the record still says why: a tick had not reached the round when it closed.
    expect(checkSale(closedAt(400), { now: generalAt + 86_400_000 })).toEqual({
      outcome: "matches",
      entrants: 100,
      singleRound: "general-round-not-run-sale-closed",
    });
    expect(
      checkSale(closedAt(GENERAL_ROUND_GRACE_MS), { now: generalAt + 86_400_000 }),
    ).toMatchObject({ outcome: "matches" });
    const late = closedAt(GENERAL_ROUND_GRACE_MS + 1_000);
    const verdict = checkSale(late, { now: generalAt + GENERAL_ROUND_GRACE_MS + 2_000 });
    expect(verdict.outcome === "does-not-match" && verdict.reasons).toEqual([
      `general sale: it opened at ${generalSale.opensAt}, after a presale, and the sale closed at ${late.generalSale.notRun.closedAt}, more than 5 minutes later, with no round run`,
    ]);
  });

  it("does not match a record whose round both ran and was not run, or whose sale closed before it", () => {
    const notRun = (ms: number) => ({
      reason: "SALE_CLOSED" as const,
      closedAt: new Date(generalAt + ms).toISOString(),
    });
    const ranToo = checkSale({
      ...both,
      generalSale: { ...generalSale, notRun: notRun(400) },
    });
    expect(ranToo.outcome === "does-not-match" && ranToo.reasons.join("\n")).toMatch(
      /^general sale: the record says its round was not run .*yet it holds the round's revealed seed$/m,
    );
    const closedBefore = checkSale(
      { ...both, generalSale: { ...pendingRound, notRun: notRun(-60_000) } },
      { now: generalAt + 86_400_000 },
    );
    expect(closedBefore.outcome === "does-not-match" && closedBefore.reasons.join("\n")).toMatch(
      /^general sale: the record says the sale closed at .*, before its general sale at .*, yet it still names that sale$/m,
    );
  });

  it("says there is one round when the sale opened after its general sale's instant", () => {
    // No presale ran: everyone was in the opening's round, and no second one is due.
    const late = {
      ...both,
      shuffledAt: "2026-12-06T19:30:00.000Z",
      generalSale: pendingRound,
    };
    expect(checkSale(late, { now: generalAt + 86_400_000 })).toEqual({
      outcome: "matches",
      entrants: 100,
      singleRound: "opened-after-general-sale",
    });
  });

  it("does not match when a round lists a buyer twice", () => {
    const twice = [...general.entrants.slice(0, 30), general.entrants[0] ?? ""];
    const verdict = checkSale({
      ...both,
      generalSale: {
        ...generalSale,
        entrants: twice,
        lineOrder: shuffleWithSeed(general.seed, twice),
      },
    });
    expect(verdict.outcome).toBe("does-not-match");
    expect(verdict.outcome === "does-not-match" && verdict.reasons).toEqual([
      `general sale: ${general.entrants[0] ?? ""} is listed twice in the entrants`,
      `general sale: ${general.entrants[0] ?? ""} is listed twice in the line`,
    ]);
  });

  it("notes a buyer in both rounds without failing: one may leave and line up again", () => {
    const again = vector.entrants[7] ?? "";
    const entrants = [...general.entrants, again];
    const verdict = checkSale({
      ...both,
      generalSale: { ...generalSale, entrants, lineOrder: shuffleWithSeed(general.seed, entrants) },
    });
    expect(verdict).toEqual({
      outcome: "matches",
      entrants: 100,
      generalEntrants: 32,
      notes: [`${again} is an entrant of both rounds (left the line, then lined up again)`],
    });
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
    expect(checkSale(pending, { now: generalAt - 60_000 })).toEqual({
      outcome: "not-yet-revealed",
      opening: { entrants: 100 },
    });
    // A fault in the opening's round is told at once, not after the general sale.
    const tampered = { ...pending, lineOrder: swapped(vector.lineOrder, 0, 1) };
    expect(checkSale(tampered, { now: generalAt - 60_000 }).outcome).toBe("does-not-match");
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
      singleRound: "no-general-round",
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
