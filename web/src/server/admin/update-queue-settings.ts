import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { forgetQueueEntryRules } from "../queue/get-queue-entry-rules";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import type { QueueSettings, QueueSettingsInput } from "./schemas";

/**
 * Stores the waiting-room tuning the queue service reads for this performance, and drops
 * its cached copy so the queue runs with the new values from its next tick; and the proof
 * of work and the confirmed email the web asks of buyers entering the line.
 */
export async function updateQueueSettings({
  performanceId,
  input,
}: {
  performanceId: string;
  input: QueueSettingsInput;
}): Promise<QueueSettings> {
  const { count } = await db().performance.updateMany({
    where: { id: performanceId },
    data: {
      queueMaxActive: input.maxActive,
      queueAdmitRatePerSec: input.admitRatePerSec,
      queueTokenTtlSeconds: input.tokenTtlSeconds,
      queueRefuseRatio: input.refuseRatio,
      queuePowComplexity: input.powComplexity,
      queueRequireVerifiedEmail: input.requireVerifiedEmail,
    },
  });
  if (count === 0) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  // Other web processes pick the door's rules up within seconds (get-queue-entry-rules.ts).
  forgetQueueEntryRules(performanceId);
  await invalidateLiveCaches({ performanceIds: [performanceId] });
  const { queueRequireVerifiedEmail } = await db().performance.findUniqueOrThrow({
    where: { id: performanceId },
    select: { queueRequireVerifiedEmail: true },
  });
  return { ...input, requireVerifiedEmail: queueRequireVerifiedEmail };
}
