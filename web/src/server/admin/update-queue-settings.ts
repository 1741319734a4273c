import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { forgetQueuePowComplexity } from "../pow/get-queue-pow-complexity";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import type { QueueSettingsInput } from "./schemas";

/**
 * Stores the waiting-room tuning the queue service reads for this performance, and drops
 * its cached copy so the queue runs with the new values from its next tick; and the proof
 * of work the web asks of buyers entering the line.
 */
export async function updateQueueSettings({
  performanceId,
  input,
}: {
  performanceId: string;
  input: QueueSettingsInput;
}): Promise<QueueSettingsInput> {
  const { count } = await db().performance.updateMany({
    where: { id: performanceId },
    data: {
      queueMaxActive: input.maxActive,
      queueAdmitRatePerSec: input.admitRatePerSec,
      queueTokenTtlSeconds: input.tokenTtlSeconds,
      queueRefuseRatio: input.refuseRatio,
      queuePowComplexity: input.powComplexity,
    },
  });
  if (count === 0) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  // Other web processes pick the proof of work up within seconds (get-queue-pow-complexity.ts).
  forgetQueuePowComplexity(performanceId);
  await invalidateLiveCaches({ performanceIds: [performanceId] });
  return input;
}
