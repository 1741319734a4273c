import type { SaleRecord, SaleRecordEntry } from "@ticketping/common/queue/store";
import type { SaleReportFigures } from "./report-schemas";

type Timed = Pick<SaleRecordEntry, "seq" | "at">;

/**
 * The figures of a sale's fairness report from what its queue recorded (docs/fairness.md,
 * "The fairness report"). Pure: the caller reads the record and the database.
 */
export function computeSaleReport({
  record,
  maxActive,
  soldOutAt,
}: {
  record: SaleRecord;
  /** The working set's limit in the sale's settings now. */
  maxActive: number | null;
  /** When the last seat was sold, if every seat is sold. */
  soldOutAt: Date | null;
}): SaleReportFigures {
  const { counters, openedAt, generalOpenedAt, entries } = record;
  const admissions = entries.filter((entry) => entry.kind === "admission");
  const joinMarks = entries.filter((entry) => entry.kind === "join");
  const count = (name: string) => counters[name] ?? 0;
  return {
    openedAt: openedAt === null ? null : new Date(openedAt),
    entrants: count("joins"),
    preQueued: count("shuffled"),
    generalSale:
      generalOpenedAt === null
        ? null
        : { openedAt: new Date(generalOpenedAt), preQueued: count("shuffled:general") },
    admitted: count("admitted"),
    outOfOrder: admissionsOutOfOrder(admissions),
    refusals: Object.fromEntries(
      Object.entries(counters)
        .filter(([name]) => name.startsWith("refused:"))
        .map(([name, value]) => [name.slice("refused:".length), value]),
    ),
    proofOfWork: { solved: count("pow:solved"), failed: count("pow:failed") },
    workingSet: { max: count("activeMax"), limit: maxActive },
    waitSeconds: waitPercentiles(admissions, joinMarks),
    soldOutAfterSeconds:
      soldOutAt === null || openedAt === null
        ? null
        : Math.max(0, (soldOutAt.getTime() - openedAt) / 1000),
    recordComplete: count("recordDropped") === 0,
  };
}

/**
 * Admissions of a buyer after someone who joined behind them. The line admits from its head
 * in sequence order, so any such admission is a fault. "Places" is the difference of their
 * sequence numbers (at most the places between them: buyers who left leave gaps); the time
 * is how long after the first buyer from behind was admitted this one was.
 */
function admissionsOutOfOrder(admissions: Timed[]): SaleReportFigures["outOfOrder"] {
  let count = 0;
  let largestPlaces = 0;
  let largestSeconds = 0;
  // For each admission in time order, the highest sequence number admitted up to it: it
  // never falls, so the first admission from behind a given buyer is a binary search away.
  const highestSoFar: number[] = [];
  let highest = -Infinity;
  for (const admission of admissions) {
    if (admission.seq < highest) {
      count += 1;
      largestPlaces = Math.max(largestPlaces, highest - admission.seq);
      const first = admissions[firstIndexAbove(highestSoFar, admission.seq)];
      if (first) largestSeconds = Math.max(largestSeconds, (admission.at - first.at) / 1000);
    }
    highest = Math.max(highest, admission.seq);
    highestSoFar.push(highest);
  }
  return { count, largestInPlaces: largestPlaces, largestInSeconds: largestSeconds };
}

/** The first index of an ascending array whose value exceeds `value`. */
function firstIndexAbove(ascending: number[], value: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ascending[middle] ?? Infinity) > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * How long admitted buyers waited, from joining the line (or from the opening, for the
 * shuffled pre-queue) to admission. A join is known from the last mark at or below its
 * sequence number: marks are written at least once a second, so to within a second.
 */
function waitPercentiles(
  admissions: Timed[],
  joinMarks: Timed[],
): SaleReportFigures["waitSeconds"] {
  const markSeqs = joinMarks.map((mark) => mark.seq);
  const waits: number[] = [];
  for (const admission of admissions) {
    const mark = joinMarks[firstIndexAbove(markSeqs, admission.seq) - 1];
    if (mark) waits.push(Math.max(0, admission.at - mark.at) / 1000);
  }
  if (waits.length === 0) return null;
  waits.sort((a, b) => a - b);
  const at = (share: number) =>
    waits[Math.min(waits.length - 1, Math.ceil(share * waits.length) - 1)] ?? 0;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
