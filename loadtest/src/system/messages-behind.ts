import type { PartitionProgress } from "@ticketping/common/kafka";

/**
 * Messages a group still has to read on one partition before it reaches `target` (where
 * the partition ended when the wait began). A partition the group never committed is read
 * from its oldest kept message by a group that starts from the beginning (the worker's),
 * and from its end by one that does not (the queue service's), which has nothing to catch up.
 */
export function messagesBehind(
  progress: Pick<PartitionProgress, "committed" | "low">,
  target: number,
  fromBeginning: boolean,
): number {
  const next = progress.committed >= 0 ? progress.committed : fromBeginning ? progress.low : target;
  // Kafka deleted what lies before `low`: a group never reads it.
  return Math.max(0, target - Math.max(next, progress.low));
}
