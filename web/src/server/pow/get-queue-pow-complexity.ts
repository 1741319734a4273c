import "server-only";
import { createBoundedCache } from "@ticketping/common/cache";
import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { db } from "../db";

/**
 * How long a performance's setting is trusted in this process. A ticket route that asked
 * PostgreSQL on every call would turn a crowd's reconnects into database load; an
 * organizer's change reaches every server within this.
 */
const REMEMBER_MS = 5_000;

/** More performances than are ever on sale at once; the oldest entry goes first. */
const remembered = createBoundedCache<string, number>({ maxEntries: 1_000, ttlMs: REMEMBER_MS });

/**
 * The proof of work entering a performance's line costs: the organizer's setting, or
 * POW_QUEUE_COMPLEXITY when they left it empty. NOT_FOUND for a draft or unknown
 * performance (it has no line); those are not remembered, so random ids cannot push out
 * the performances on sale.
 */
export async function getQueuePowComplexity({
  performanceId,
  now = Date.now(),
}: {
  performanceId: string;
  now?: number;
}): Promise<number> {
  const known = remembered.get(performanceId, now);
  if (known !== undefined) return known;
  const performance = await db().performance.findFirst({
    where: { id: performanceId, saleStatus: { not: "DRAFT" } },
    select: { queuePowComplexity: true },
  });
  if (!performance) {
    remembered.delete(performanceId);
    throw new AppError("NOT_FOUND", `no performance ${performanceId} with a line`);
  }
  const complexity = performance.queuePowComplexity ?? env.POW_QUEUE_COMPLEXITY;
  remembered.set(performanceId, complexity, now);
  return complexity;
}

/** After an organizer's edit in this process: the next ticket reads the new setting. */
export function forgetQueuePowComplexity(performanceId: string): void {
  remembered.delete(performanceId);
}
