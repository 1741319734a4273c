import "server-only";
import { AppError } from "@ticketping/common/errors";
import {
  createQueueEntryRules,
  type QueueEntryRules,
  type QueueEntryRulesSource,
} from "@ticketping/common/queue";
import { loadQueueEntryRules } from "@ticketping/db";
import { env } from "@/env";
import { db } from "../db";

let source: QueueEntryRulesSource | undefined;

// Made on first use: the environment is read when a request needs it, not at build time.
function rules(): QueueEntryRulesSource {
  return (source ??= createQueueEntryRules({
    load: (performanceId) => loadQueueEntryRules(db())(performanceId),
    defaultPowComplexity: env.POW_QUEUE_COMPLEXITY,
  }));
}

/**
 * The rules of a performance's line, as the queue service's session door reads them too.
 * NOT_FOUND for a draft or unknown performance (it has no line).
 */
export async function getQueueEntryRules({
  performanceId,
}: {
  performanceId: string;
}): Promise<QueueEntryRules> {
  const found = await rules().get(performanceId);
  if (!found) throw new AppError("NOT_FOUND", `no performance ${performanceId} with a line`);
  return found;
}

/** After an organizer's edit in this process: the next ticket reads the new settings. */
export function forgetQueueEntryRules(performanceId: string): void {
  rules().forget(performanceId);
}
