import { SHUFFLE_ALGORITHM, commitmentOf, shuffleWithSeed } from "./shuffle";
import type { SaleRecord } from "./sale-record";

export type SaleVerdict =
  | {
      outcome: "matches";
      /** Entrants of the opening's pre-queue. */
      entrants: number;
      /** Entrants of the general sale's pre-queue, when the sale had a presale. */
      generalEntrants?: number;
    }
  | {
      outcome: "not-yet-revealed";
      /** The opening's round, when it was revealed and matched: the general sale's is to come. */
      opening?: { entrants: number };
    }
  | { outcome: "does-not-match"; reasons: string[] };

interface Round {
  commitment: string;
  seed: string | null;
  entrants: string[] | null;
  lineOrder: string[] | null;
}

type RoundCheck = { revealed: false } | { revealed: true; entrants: number };

/**
 * One committed shuffle: the seed hashes to the commitment (and to the one noted before the
 * sale, if given), and shuffling the entrants with it gives exactly the published line.
 * Reasons go to `reasons`, each starting with `label`.
 */
function checkRound(
  round: Round,
  noted: string | undefined,
  label: string,
  reasons: string[],
): RoundCheck {
  if (noted !== undefined && noted !== round.commitment) {
    reasons.push(
      `${label}the published commitment ${round.commitment} is not the one you noted, ${noted}`,
    );
  }
  const { seed, entrants, lineOrder } = round;
  if (seed === null || entrants === null || lineOrder === null) return { revealed: false };
  if (commitmentOf(seed) !== round.commitment) {
    reasons.push(`${label}the revealed seed does not hash to the commitment`);
  }
  const expected = shuffleWithSeed(seed, entrants);
  if (expected.length !== lineOrder.length) {
    reasons.push(
      `${label}${entrants.length} entrants but ${lineOrder.length} places in the published line`,
    );
  }
  const firstDifference = expected.findIndex((entrant, index) => lineOrder[index] !== entrant);
  if (firstDifference >= 0) {
    reasons.push(
      `${label}place ${firstDifference + 1} of the line should be ${expected[firstDifference]} but is ${lineOrder[firstDifference] ?? "missing"}`,
    );
  }
  return { revealed: true, entrants: entrants.length };
}

/**
 * Checks a fairness record: the opening's shuffle and, after a presale, the general sale's
 * (each its own seed and commitment, docs/fairness.md).
 */
export function checkSale(
  record: SaleRecord,
  options: { commitment?: string; generalCommitment?: string } = {},
): SaleVerdict {
  const reasons: string[] = [];
  if (record.algorithm !== SHUFFLE_ALGORITHM) {
    reasons.push(
      `unknown algorithm ${record.algorithm} (this verifier knows ${SHUFFLE_ALGORITHM})`,
    );
  }
  const opening = checkRound(record, options.commitment, "", reasons);
  const general = record.generalSale
    ? checkRound(record.generalSale, options.generalCommitment, "general sale: ", reasons)
    : undefined;
  // A sale without a general round (no presale, or one removed before its round) still
  // publishes the general commitment, so a noted one is checked against it.
  const publishedGeneral = record.generalCommitment;
  if (record.generalSale == null && options.generalCommitment !== undefined) {
    if (publishedGeneral === undefined) {
      reasons.push("you noted a general sale's commitment, but the record has no general sale");
    } else if (publishedGeneral !== options.generalCommitment) {
      reasons.push(
        `general sale: the published commitment ${publishedGeneral} is not the one you noted, ${options.generalCommitment}`,
      );
    }
  }
  if (reasons.length > 0) return { outcome: "does-not-match", reasons };
  if (!opening.revealed) return { outcome: "not-yet-revealed" };
  if (general && !general.revealed) {
    return { outcome: "not-yet-revealed", opening: { entrants: opening.entrants } };
  }
  return {
    outcome: "matches",
    entrants: opening.entrants,
    ...(general?.revealed ? { generalEntrants: general.entrants } : {}),
  };
}
