import "server-only";
import { AppError } from "@ticketping/common/errors";
import { logger } from "../logger";
import { queueStore } from "../queue/queue-store";
import { getRedis } from "../redis";
import { entryPassKey, POW_ENTRY_PASS_TTL_SECONDS } from "@ticketping/common/queue";
import type { PowSolution } from "./schemas";
import { verifyPowSolution } from "./verify-pow-solution";

/**
 * The proof of work at the door of a performance's line: nothing when the organizer set
 * none; else a solution for this performance, which also grants the buyer an entry pass,
 * or an entry pass from an earlier solution (renewed by each use).
 */
export async function passPowForQueue({
  userId,
  performanceId,
  complexity,
  pow,
}: {
  userId: string;
  performanceId: string;
  /** The line's proof of work (see get-queue-entry-rules.ts). */
  complexity: number;
  pow: PowSolution | undefined;
}): Promise<void> {
  if (complexity === 0) return;
  const passKey = entryPassKey(performanceId, userId);
  if (pow === undefined) {
    const pass = await getRedis().getex(passKey, "EX", POW_ENTRY_PASS_TTL_SECONDS);
    if (pass === null) {
      throw new AppError("POW_REQUIRED", `no proof of work to enter ${performanceId}`);
    }
    return;
  }
  try {
    await verifyPowSolution({ pow, purpose: { purpose: "queue", performanceId }, complexity });
  } catch (error) {
    // A refused solution (never a broken dependency) counts in the sale's fairness report.
    if (error instanceof AppError && error.code.startsWith("POW_")) {
      await countForReport(performanceId, "failed");
    }
    throw error;
  }
  await getRedis().set(passKey, "1", "EX", POW_ENTRY_PASS_TTL_SECONDS);
  await countForReport(performanceId, "solved");
}

/** A count for the sale's report never changes the buyer's answer: failures are logged. */
async function countForReport(performanceId: string, outcome: "solved" | "failed") {
  await queueStore()
    .countPowOutcome(performanceId, outcome)
    .catch((error: unknown) => {
      logger.warn({ err: error, performanceId }, "proof-of-work outcome not counted");
    });
}
