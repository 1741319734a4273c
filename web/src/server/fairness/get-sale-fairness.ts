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
  return {
    performanceId,
    ...commitmentOf(sale.seed),
    shuffledAt: row.shuffledAt,
    seed: revealed ? sale.seed : null,
    entrants: pseudonyms(row.entrants),
    lineOrder: pseudonyms(row.lineOrder),
  };
}
