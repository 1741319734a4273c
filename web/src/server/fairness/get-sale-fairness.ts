import "server-only";
import type { PreQueueRound } from "@ticketping/common/queue";
import { db } from "../db";
import { queueStore } from "../queue/queue-store";
import { commitmentOf } from "./commitment-of";
import { findSale } from "./find-sale";
import { pseudonymOf } from "./pseudonym-of";
import type { SaleFairness } from "./schemas";

const rowFields = {
  shuffledAt: true,
  entrants: true,
  lineOrder: true,
  generalShuffledAt: true,
  generalEntrants: true,
  generalLineOrder: true,
} as const;

/**
 * The sale's public fairness record: the commitments always; each round's seed, entrants in
 * join order and shuffled line once it has run (the opening's; after a presale, the general
 * sale's too). Each opening writes its record in Redis (admission.lua); the first reader
 * after it copies it into PostgreSQL, once, so it outlives the queue's Redis state.
 */
export async function getSaleFairness({ slug }: { slug: string }): Promise<SaleFairness> {
  const sale = await findSale({ slug });
  const { performanceId } = sale;
  const readRow = () =>
    db().saleFairness.findUniqueOrThrow({ where: { performanceId }, select: rowFields });
  // A sale closed before its general sale's instant never holds that round: the record
  // then has none to wait for. One closed after it should have held it, and shows it due.
  const generalNeverHeld =
    sale.generalSaleOpensAt !== null &&
    sale.saleClosedAt !== null &&
    sale.saleClosedAt < sale.generalSaleOpensAt;
  const cached = revealedRecords.get(performanceId);
  // A presale set or moved, or the sale closed or reopened, since makes a remembered record
  // stale, and so does a general round run since: a presale removed while its pre-queue
  // waited is shuffled in after (looked for at most every few seconds, not per reader).
  if (
    cached &&
    cached.generalSaleOpensAt === sale.generalSaleOpensAt?.getTime() &&
    cached.generalNeverHeld === generalNeverHeld &&
    (cached.record.generalSale !== null || !(await generalRoundRanSince(performanceId, cached)))
  ) {
    return cached.record;
  }
  let row = await readRow();
  const copied = await Promise.all([
    row.shuffledAt === null && copyOpening(performanceId, "opening"),
    row.generalShuffledAt === null && copyOpening(performanceId, "general"),
  ]);
  if (copied.some(Boolean)) row = await readRow();

  const revealed = row.shuffledAt !== null;
  const generalRevealed = row.generalShuffledAt !== null;
  const pseudonyms = (userIds: string[], shown: boolean) =>
    shown ? userIds.map((userId) => pseudonymOf(sale.pseudonymKey, userId)) : null;
  // A round that ran is history: it keeps the moment it ran, and it stays in the record
  // should the organizer move the general sale or remove the presale afterwards.
  const generalOpensAt =
    row.generalShuffledAt ?? (generalNeverHeld ? null : sale.generalSaleOpensAt);
  // A sale closed after its general instant, before the queue reached the round (within a
  // tick, or while the queue service was down), never runs it: the record says so and
  // when, for the verifier to judge against its grace (docs/fairness.md).
  const closedUnrun =
    row.generalShuffledAt === null &&
    sale.generalSaleOpensAt !== null &&
    sale.saleClosedAt !== null &&
    sale.saleClosedAt >= sale.generalSaleOpensAt
      ? sale.saleClosedAt
      : null;
  const generalCommitment = commitmentOf(sale.generalSeed).commitment;
  const record: SaleFairness = {
    performanceId,
    ...commitmentOf(sale.seed),
    shuffledAt: row.shuffledAt,
    seed: revealed ? sale.seed : null,
    entrants: pseudonyms(row.entrants, revealed),
    lineOrder: pseudonyms(row.lineOrder, revealed),
    generalCommitment,
    generalSale:
      generalOpensAt === null
        ? null
        : {
            opensAt: generalOpensAt,
            commitment: generalCommitment,
            shuffledAt: row.generalShuffledAt,
            seed: generalRevealed ? sale.generalSeed : null,
            entrants: pseudonyms(row.generalEntrants, generalRevealed),
            lineOrder: pseudonyms(row.generalLineOrder, generalRevealed),
            notRun: closedUnrun && { reason: "SALE_CLOSED", closedAt: closedUnrun },
          },
  };
  if (revealed && (record.generalSale === null || generalRevealed)) {
    remember(performanceId, {
      record,
      generalSaleOpensAt: sale.generalSaleOpensAt?.getTime(),
      generalNeverHeld,
      checkedAt: Date.now(),
    });
  }
  return record;
}

/**
 * Whether a general round ran since a remembered record without one was made; asked of the
 * database and the queue at most every GENERAL_ROUND_RECHECK_MS per process, so a crowd
 * reading a sale without a presale (the common case) costs no query per reader.
 */
async function generalRoundRanSince(performanceId: string, cached: Remembered): Promise<boolean> {
  if (Date.now() - cached.checkedAt < GENERAL_ROUND_RECHECK_MS) return false;
  if (await generalRoundRan(performanceId)) return true;
  cached.checkedAt = Date.now();
  return false;
}

/** Whether the general round has run, as copied into PostgreSQL or still only in the queue. */
async function generalRoundRan(performanceId: string): Promise<boolean> {
  const row = await db().saleFairness.findUniqueOrThrow({
    where: { performanceId },
    select: { generalShuffledAt: true },
  });
  if (row.generalShuffledAt !== null) return true;
  return (await queueStore().shuffleRecord(performanceId, "general")) !== null;
}

/** Copies one opening's record from the queue into PostgreSQL, once; false before it ran. */
async function copyOpening(performanceId: string, round: PreQueueRound): Promise<boolean> {
  const opening = await queueStore().shuffleRecord(performanceId, round);
  if (!opening) return false;
  const shuffledAt = new Date(opening.openedAt);
  await (round === "opening"
    ? db().saleFairness.updateMany({
        where: { performanceId, shuffledAt: null },
        data: { shuffledAt, entrants: opening.entrants, lineOrder: opening.lineOrder },
      })
    : db().saleFairness.updateMany({
        where: { performanceId, generalShuffledAt: null },
        data: {
          generalShuffledAt: shuffledAt,
          generalEntrants: opening.entrants,
          generalLineOrder: opening.lineOrder,
        },
      }));
  return true;
}

// A revealed record never changes, and a large one costs two HMACs per entrant: the last
// few are kept in memory so a crowd checking a big sale does not recompute it per request.
const REMEMBERED_RECORDS = 16;
const GENERAL_ROUND_RECHECK_MS = 5_000;
interface Remembered {
  record: SaleFairness;
  generalSaleOpensAt: number | undefined;
  generalNeverHeld: boolean;
  /** When it was last known that no general round had run (epoch ms). */
  checkedAt: number;
}
const revealedRecords = new Map<string, Remembered>();

function remember(performanceId: string, remembered: Remembered): void {
  revealedRecords.set(performanceId, remembered);
  const oldest = revealedRecords.keys().next();
  if (revealedRecords.size > REMEMBERED_RECORDS && !oldest.done) {
    revealedRecords.delete(oldest.value);
  }
}
