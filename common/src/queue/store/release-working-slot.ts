import type { Redis } from "ioredis";
import type { ReleaseReason } from "../codes";
import { QueueStore } from "./queue-store";

/**
 * Frees a buyer's working slot from outside the queue service (for example after a
 * confirmed reservation). Idempotent. The queue service admits the next buyer on its next
 * tick and pushes the admission. Returns true if this call freed the slot.
 */
export async function releaseWorkingSlot(options: {
  redis: Redis;
  keyPrefix: string;
  performanceId: string;
  userId: string;
  reason: Exclude<ReleaseReason, "expired">;
  /** Epoch ms; a grant admitted after this moment is newer than the cause and is kept. */
  admittedBefore?: number;
}): Promise<boolean> {
  const store = new QueueStore({ redis: options.redis, keyPrefix: options.keyPrefix });
  const outcome = await store.release({
    performanceId: options.performanceId,
    userId: options.userId,
    reason: options.reason,
    ...(options.admittedBefore === undefined ? {} : { admittedBefore: options.admittedBefore }),
  });
  return outcome.status === "released";
}
