import { SHUFFLE_ALGORITHM, commitmentOf, shuffleWithSeed } from "./shuffle";
import type { SaleRecord } from "./sale-record";

export type SaleVerdict =
  | { outcome: "matches"; entrants: number }
  | { outcome: "not-yet-revealed" }
  | { outcome: "does-not-match"; reasons: string[] };

/**
 * Checks a fairness record: the seed hashes to the commitment (and to the one the caller
 * noted down before the sale, if given), and shuffling the entrants with it gives exactly
 * the published line.
 */
export function checkSale(record: SaleRecord, options: { commitment?: string } = {}): SaleVerdict {
  const reasons: string[] = [];
  if (record.algorithm !== SHUFFLE_ALGORITHM) {
    reasons.push(
      `unknown algorithm ${record.algorithm} (this verifier knows ${SHUFFLE_ALGORITHM})`,
    );
  }
  if (options.commitment !== undefined && options.commitment !== record.commitment) {
    reasons.push(
      `the published commitment ${record.commitment} is not the one you noted, ${options.commitment}`,
    );
  }
  if (record.seed === null || record.entrants === null || record.lineOrder === null) {
    return reasons.length > 0
      ? { outcome: "does-not-match", reasons }
      : { outcome: "not-yet-revealed" };
  }
  if (commitmentOf(record.seed) !== record.commitment) {
    reasons.push("the revealed seed does not hash to the commitment");
  }
  const expected = shuffleWithSeed(record.seed, record.entrants);
  if (expected.length !== record.lineOrder.length) {
    reasons.push(
      `${record.entrants.length} entrants but ${record.lineOrder.length} places in the published line`,
    );
  }
  const firstDifference = expected.findIndex(
    (entrant, index) => record.lineOrder?.[index] !== entrant,
  );
  if (firstDifference >= 0) {
    reasons.push(
      `place ${firstDifference + 1} of the line should be ${expected[firstDifference]} but is ${record.lineOrder[firstDifference] ?? "missing"}`,
    );
  }
  return reasons.length > 0
    ? { outcome: "does-not-match", reasons }
    : { outcome: "matches", entrants: record.entrants.length };
}
