import "server-only";
import { createBoundedCache } from "@ticketping/common/cache";
import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { db } from "../db";

/** What a buyer must bring to a performance's line, as its organizer set it. */
export interface QueueEntryRules {
  /** The proof of work entering costs (ALTCHA complexity); 0: none. */
  powComplexity: number;
  /** Whether only buyers with a confirmed email address may join. */
  requireVerifiedEmail: boolean;
}

/**
 * How long a performance's settings are trusted in this process. A ticket route that asked
 * PostgreSQL on every call would turn a crowd's reconnects into database load; an
 * organizer's change reaches every server within this.
 */
const REMEMBER_MS = 5_000;

/** More performances than are ever on sale at once; the oldest entry goes first. */
const remembered = createBoundedCache<string, QueueEntryRules>({
  maxEntries: 1_000,
  ttlMs: REMEMBER_MS,
});

/**
 * The rules of a performance's line: the organizer's settings, the proof of work falling
 * back to POW_QUEUE_COMPLEXITY when they left it empty. NOT_FOUND for a draft or unknown
 * performance (it has no line); those are not remembered, so random ids cannot push out
 * the performances on sale.
 */
export async function getQueueEntryRules({
  performanceId,
  now = Date.now(),
}: {
  performanceId: string;
  now?: number;
}): Promise<QueueEntryRules> {
  const known = remembered.get(performanceId, now);
  if (known !== undefined) return known;
  const performance = await db().performance.findFirst({
    where: { id: performanceId, saleStatus: { not: "DRAFT" } },
    select: { queuePowComplexity: true, queueRequireVerifiedEmail: true },
  });
  if (!performance) {
    remembered.delete(performanceId);
    throw new AppError("NOT_FOUND", `no performance ${performanceId} with a line`);
  }
  const rules = {
    powComplexity: performance.queuePowComplexity ?? env.POW_QUEUE_COMPLEXITY,
    requireVerifiedEmail: performance.queueRequireVerifiedEmail,
  };
  remembered.set(performanceId, rules, now);
  return rules;
}

/** After an organizer's edit in this process: the next ticket reads the new settings. */
export function forgetQueueEntryRules(performanceId: string): void {
  remembered.delete(performanceId);
}
