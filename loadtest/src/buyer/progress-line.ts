import type { WorkingSetSampler } from "../invariants/working-set-sampler";
import type { BuyerResult } from "./context";

/** The line logged every few seconds while the buyers run: outcomes so far and the queue. */
export function progressLine(
  nowMs: number,
  done: readonly BuyerResult[],
  total: number,
  sampler: WorkingSetSampler,
): string {
  const counts = new Map<string, number>();
  for (const buyer of done) counts.set(buyer.outcome, (counts.get(buyer.outcome) ?? 0) + 1);
  const last = sampler.timeline.at(-1);
  const queue = last ? `active ${last.active}, waiting ${last.waiting}` : "no queue sample yet";
  const outcomes = [...counts].map(([outcome, count]) => `${outcome} ${count}`).join(", ");
  return `${(nowMs / 1000).toFixed(0)} s: ${done.length}/${total} done (${outcomes || "none yet"}); ${queue}`;
}
