import { sleep } from "../sleep";
import type { InvariantResult } from "./rules";

/**
 * Checks until no invariant that waits on the worker (expiries, confirmations, the outbox)
 * fails any more, or until `deadline` (epoch ms) or `stopSignal`: the last results count.
 */
export async function settleAndCheck({
  check,
  settling,
  deadline,
  stopSignal,
}: {
  check: () => Promise<InvariantResult[]>;
  /** Ids of the invariants worth waiting for. */
  settling: ReadonlySet<string>;
  deadline: number;
  stopSignal?: AbortSignal;
}): Promise<InvariantResult[]> {
  for (;;) {
    const results = await check();
    const waiting = results.some((result) => !result.passed && settling.has(result.id));
    if (!waiting || Date.now() > deadline || stopSignal?.aborted) return results;
    await sleep(1_000);
  }
}
