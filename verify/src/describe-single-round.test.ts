import { describe, expect, it } from "vitest";
import { checkSale } from "./check-sale";
import { describeSingleRound } from "./describe-single-round";
import type { SaleRecord } from "./sale-record";
import { shuffleVectors } from "./vectors";

const [opening, general] = shuffleVectors.filter((vector) => vector.entrants.length >= 5);
if (!opening || !general) throw new Error("two vectors needed");

describe("describeSingleRound", () => {
  it("does not say a sale closed during its presale had none", () => {
    // What web publishes for it: the opening's round, the general commitment, no general round.
    const closedInPresale: SaleRecord = {
      performanceId: "any",
      algorithm: "ticketping-shuffle-v1",
      commitment: opening.commitment,
      shuffledAt: "2026-12-06T18:00:00.000Z",
      seed: opening.seed,
      entrants: opening.entrants,
      lineOrder: opening.lineOrder,
      generalCommitment: general.commitment,
      generalSale: null,
    };
    const verdict = checkSale(closedInPresale, { now: Date.parse("2026-12-08T00:00:00.000Z") });
    expect(verdict).toMatchObject({ outcome: "matches", singleRound: "no-general-round" });
    const line = describeSingleRound(
      verdict.outcome === "matches" && verdict.singleRound
        ? verdict.singleRound
        : "no-general-round",
    );
    expect(line).toMatch(/^ONE ROUND ONLY: /);
    expect(line).toContain("the sale closed before its general sale");
    expect(line).not.toMatch(/\(no presale\)/);
  });

  it("says a sale opened after its general sale's instant ran no presale", () => {
    expect(describeSingleRound("opened-after-general-sale")).toContain(
      "opened after its general sale's instant, so no presale ran",
    );
  });

  it("says a round not run because the sale closed names the grace that allowed it", () => {
    expect(describeSingleRound("general-round-not-run-sale-closed")).toContain(
      "the sale closed within 5 minutes after its general sale's instant, before the queue ran that round",
    );
  });
});
