import "server-only";
import { db } from "../db";
import { queueStore } from "../queue/queue-store";
import { commitmentOf } from "./commitment-of";
import { findSale } from "./find-sale";
import { pseudonymOf } from "./pseudonym-of";
import type { SaleFairness } from "./schemas";

/**
 * The sale's public fairness record: the commitment always; the seed, the entrants in join
 * order and the shuffled line once the sale has opened. The opening writes its record in
 * Redis (admission.lua); the first reader after it copies it into PostgreSQL, once, so it
 * outlives the queue's Redis state.
 */
export async function getSaleFairness({ slug }: { slug: string }): Promise<SaleFairness> {
  const sale = await findSale({ slug });
  const { performanceId } = sale;
  const cached = revealedRecords.get(performanceId);
  if (cached) return cached;
  let row = await db().saleFairness.findUniqueOrThrow({
    where: { performanceId },
    select: { shuffledAt: true, entrants: true, lineOrder: true },
  });
  if (row.shuffledAt === null) {
    const opening = await queueStore().shuffleRecord(performanceId);
    if (opening) {
      await db().saleFairness.updateMany({
        where: { performanceId, shuffledAt: null },
        data: {
          shuffledAt: new Date(opening.openedAt),
          entrants: opening.entrants,
          lineOrder: opening.lineOrder,
        },
      });
      row = await db().saleFairness.findUniqueOrThrow({
        where: { performanceId },
        select: { shuffledAt: true, entrants: true, lineOrder: true },
      });
    }
  }
  const revealed = row.shuffledAt !== null;
  const pseudonyms = (userIds: string[]) =>
    revealed ? userIds.map((userId) => pseudonymOf(sale.pseudonymKey, userId)) : null;
  const record: SaleFairness = {
    performanceId,
    ...commitmentOf(sale.seed),
    shuffledAt: row.shuffledAt,
    seed: revealed ? sale.seed : null,
    entrants: pseudonyms(row.entrants),
    lineOrder: pseudonyms(row.lineOrder),
  };
  if (revealed) remember(performanceId, record);
  return record;
}

// A revealed record never changes, and a large one costs two HMACs per entrant: the last
// few are kept in memory so a crowd checking a big sale does not recompute it per request.
const REMEMBERED_RECORDS = 16;
const revealedRecords = new Map<string, SaleFairness>();

function remember(performanceId: string, record: SaleFairness): void {
  revealedRecords.set(performanceId, record);
  const oldest = revealedRecords.keys().next();
  if (revealedRecords.size > REMEMBERED_RECORDS && !oldest.done) {
    revealedRecords.delete(oldest.value);
  }
}
