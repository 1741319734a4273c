import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import type { QueueSettingsInput } from "./schemas";

/**
 * Stores the waiting-room tuning the queue service reads for this performance, and drops
 * its cached copy so the queue runs with the new values from its next tick.
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
    },
  });
  if (count === 0) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  await invalidateLiveCaches({ performanceIds: [performanceId] });
  return input;
}
