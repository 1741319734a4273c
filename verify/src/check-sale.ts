import { SHUFFLE_ALGORITHM, commitmentOf, shuffleWithSeed } from "./shuffle";
import type { SaleRecord } from "./sale-record";

/**
 * How long after its instant a general sale's round may still be missing from the record:
 * the first queue script after the instant shuffles it (a tick every half second while
 * anyone waits), and the first fairness request after that publishes it.
 */
export const GENERAL_ROUND_GRACE_MS = 5 * 60_000;

/**
 * Why a checked sale has one round only: its record holds no general sale's round (no
 * presale, one removed before its round, or a sale closed during its presale: the
 * record does not say which), it opened when its general sale's instant had already
 * passed (nobody ever needed a code, so there was no presale), or it closed within
 * GENERAL_ROUND_GRACE_MS after its general sale's instant, before the queue ran that round
 * (the record says "not run: sale closed" and when).
 */
export type SingleRound =
  "no-general-round" | "opened-after-general-sale" | "general-round-not-run-sale-closed";

export type SaleVerdict =
  | {
      outcome: "matches";
      /** Entrants of the opening's pre-queue. */
      entrants: number;
      /** Entrants of the general sale's pre-queue, when the sale had a presale. */
      generalEntrants?: number;
      /** Set when the record has no general sale's round, and none was due. */
      singleRound?: SingleRound;
      /** What a reader should know that is not a fault (see checkSale). */
      notes?: string[];
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

type RoundCheck = { revealed: false } | { revealed: true; entrants: string[] };

/** Each id listed more than once, once. */
function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/**
 * One committed shuffle: the seed hashes to the commitment (and to the one noted before the
 * sale, if given), no buyer is listed twice, and shuffling the entrants with the seed gives
 * exactly the published line. Reasons go to `reasons`, each starting with `label`.
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
  // A pre-queue holds each buyer once: a repeated id would be a second place for someone.
  for (const [list, ids] of [
    ["entrants", entrants],
    ["line", lineOrder],
  ] as const) {
    for (const id of repeated(ids)) reasons.push(`${label}${id} is listed twice in the ${list}`);
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
  return { revealed: true, entrants };
}

/**
 * Checks a fairness record: the opening's shuffle and, after a presale, the general sale's
 * (each its own seed and commitment, docs/fairness.md). Faults besides a wrong line: one
 * commitment for both rounds (one seed reused: the general sale's shuffle would be known
 * from the opening's reveal), a buyer listed twice in a round, and a presale whose general
 * sale passed GENERAL_ROUND_GRACE_MS ago with no round of its own in the record, unless the
 * record says the round did not run because the sale closed within GENERAL_ROUND_GRACE_MS
 * after that instant (the queue had not reached it yet: a tick, or a queue service down
 * for a moment); a later close is a fault like a round missing. A buyer
 * in both rounds is told as a note, not a fault: one who left the line after the opening
 * may line up again, without a code, for the general sale.
 */
export function checkSale(
  record: SaleRecord,
  options: { commitment?: string; generalCommitment?: string; now?: number } = {},
): SaleVerdict {
  const reasons: string[] = [];
  if (record.algorithm !== SHUFFLE_ALGORITHM) {
    reasons.push(
      `unknown algorithm ${record.algorithm} (this verifier knows ${SHUFFLE_ALGORITHM})`,
    );
  }
  const { generalSale } = record;
  // Published for every sale (generalCommitment), and with the round once it has one.
  const generalCommitment = generalSale?.commitment ?? record.generalCommitment;
  if (generalCommitment === record.commitment) {
    reasons.push(
      "general sale: its commitment is the opening's; one seed for both rounds would make the general sale's order known when the opening's seed is revealed",
    );
  }
  // One sale, one general seed: the copy shown before the round and the round's own agree.
  if (
    generalSale &&
    record.generalCommitment !== undefined &&
    generalSale.commitment !== record.generalCommitment
  ) {
    reasons.push(
      `general sale: the round's commitment ${generalSale.commitment} is not the sale's published general commitment ${record.generalCommitment}`,
    );
  }
  const opening = checkRound(record, options.commitment, "", reasons);
  const general = generalSale
    ? checkRound(generalSale, options.generalCommitment, "general sale: ", reasons)
    : undefined;
  // A sale without a general round (no presale, or one removed before its round) still
  // publishes the general commitment, so a noted one is checked against it.
  if (generalSale == null && options.generalCommitment !== undefined) {
    if (record.generalCommitment === undefined) {
      reasons.push("you noted a general sale's commitment, but the record has no general sale");
    } else if (record.generalCommitment !== options.generalCommitment) {
      reasons.push(
        `general sale: the published commitment ${record.generalCommitment} is not the one you noted, ${options.generalCommitment}`,
      );
    }
  }
  // The presale ran (the sale opened before its general sale), so a round is due at the
  // general sale's instant.
  const generalOpensAt = generalSale ? Date.parse(generalSale.opensAt) : Number.NaN;
  const openedAt = record.shuffledAt === null ? Number.NaN : Date.parse(record.shuffledAt);
  const presaleRan = !(openedAt >= generalOpensAt);
  const notRun = generalSale?.notRun ?? null;
  const roundMissing = generalSale && general?.revealed === false && opening.revealed && presaleRan;
  if (notRun !== null && general?.revealed) {
    reasons.push(
      `general sale: the record says its round was not run (the sale closed at ${notRun.closedAt}), yet it holds the round's revealed seed`,
    );
  } else if (roundMissing && notRun !== null) {
    const closedAfter = Date.parse(notRun.closedAt) - generalOpensAt;
    if (closedAfter < 0) {
      // A sale closed before its instant owes no round, and its record holds no general sale.
      reasons.push(
        `general sale: the record says the sale closed at ${notRun.closedAt}, before its general sale at ${generalSale.opensAt}, yet it still names that sale`,
      );
    } else if (!(closedAfter <= GENERAL_ROUND_GRACE_MS)) {
      // Not NaN-safe on purpose: an unreadable close time is not within the grace.
      reasons.push(
        `general sale: it opened at ${generalSale.opensAt}, after a presale, and the sale closed at ${notRun.closedAt}, more than ${GENERAL_ROUND_GRACE_MS / 60_000} minutes later, with no round run`,
      );
    }
  } else if (
    roundMissing &&
    (options.now ?? Date.now()) - generalOpensAt > GENERAL_ROUND_GRACE_MS
  ) {
    reasons.push(
      `general sale: it opened at ${generalSale.opensAt}, after a presale, yet the record has no round of its own (no seed, entrants or line)`,
    );
  }
  if (reasons.length > 0) return { outcome: "does-not-match", reasons };
  if (!opening.revealed) return { outcome: "not-yet-revealed" };
  if (general?.revealed) {
    const inBoth = new Set(general.entrants);
    const notes = opening.entrants
      .filter((id) => inBoth.has(id))
      .map((id) => `${id} is an entrant of both rounds (left the line, then lined up again)`);
    return {
      outcome: "matches",
      entrants: opening.entrants.length,
      generalEntrants: general.entrants.length,
      ...(notes.length > 0 ? { notes } : {}),
    };
  }
  if (general && presaleRan && notRun !== null) {
    return {
      outcome: "matches",
      entrants: opening.entrants.length,
      singleRound: "general-round-not-run-sale-closed",
    };
  }
  if (general && presaleRan) {
    return { outcome: "not-yet-revealed", opening: { entrants: opening.entrants.length } };
  }
  return {
    outcome: "matches",
    entrants: opening.entrants.length,
    singleRound: general ? "opened-after-general-sale" : "no-general-round",
  };
}
