import { setMaxListeners } from "node:events";
import type { BuyerContext, BuyerIdentity, BuyerResult } from "./context";
import type { BuyerPlan } from "./plan";
import { runBuyer } from "./run-buyer";

/**
 * Every buyer presses "Book" at once and runs to its end; at the time limit or on
 * `stopSignal` the ones still busy are cut off (`timed-out`). Logs a progress line every
 * 5 s. Resolves with every buyer's result, in the order of `identities`.
 */
export async function runCrowd({
  identities,
  plans,
  context,
  timeLimitSeconds,
  stopSignal,
  log,
  progressLine,
  onFinished,
}: {
  identities: readonly BuyerIdentity[];
  plans: readonly BuyerPlan[];
  /** The buyers' shared context, given the signal that ends the run. */
  context: (signal: AbortSignal) => BuyerContext;
  timeLimitSeconds: number;
  stopSignal?: AbortSignal;
  log: (line: string) => void;
  progressLine: (finished: readonly BuyerResult[]) => string;
  /** Told each buyer's result as it ends, with the buyer's place in `identities`. */
  onFinished?: (result: BuyerResult, index: number) => void;
}): Promise<BuyerResult[]> {
  // A plain timer, not AbortSignal.timeout inside AbortSignal.any: the combined signal
  // holds its sources weakly, and a collected timeout signal never fires.
  const deadline = new AbortController();
  const endBuyers = () => {
    deadline.abort();
  };
  // Every waiting buyer listens for the end of the run: thousands of listeners, no leak.
  setMaxListeners(0, deadline.signal);
  const ctx = context(deadline.signal);
  const finished: BuyerResult[] = [];
  const progress = setInterval(() => {
    log(progressLine(finished));
  }, 5_000);
  log(`${identities.length} buyers press "Book" now`);
  const timeLimit = setTimeout(() => {
    log(`time limit of ${timeLimitSeconds} s reached: cutting off the buyers still busy`);
    endBuyers();
  }, timeLimitSeconds * 1_000);
  stopSignal?.addEventListener("abort", endBuyers, { once: true });
  if (stopSignal?.aborted) endBuyers();
  try {
    return await Promise.all(
      identities.map(async (identity, index) => {
        const plan = plans[index];
        if (!plan) throw new Error(`no plan for buyer ${index}`);
        const result = await runBuyer(ctx, identity, plan);
        finished.push(result);
        onFinished?.(result, index);
        return result;
      }),
    );
  } finally {
    clearInterval(progress);
    clearTimeout(timeLimit);
    stopSignal?.removeEventListener("abort", endBuyers);
  }
}
