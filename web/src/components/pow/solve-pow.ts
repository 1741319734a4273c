import type { Challenge, Solution } from "altcha-lib";
import { DEFAULT_POW_CHALLENGE_TTL_SECONDS } from "@/server/pow/pow-policy";
import type { PowWork, PowWorkerReply } from "./pow-worker";

/** More workers than this gain little on a phone and cost its battery. */
const MAX_WORKERS = 4;

/**
 * Solves a proof-of-work challenge in Web Workers (one per core, up to four), each trying
 * every n-th counter, so the page stays responsive and a multi-core device finishes
 * sooner for the same total work. `onProgress` gets the counters tried so far.
 * The workers are our own scripts ('self'): the page's CSP allows `worker-src 'self'`.
 */
export async function solvePow(
  challenge: Challenge,
  { onProgress }: { onProgress?: (tried: number) => void } = {},
): Promise<Solution> {
  const concurrency = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
  const workers = Array.from(
    { length: concurrency },
    () => new Worker(new URL("./pow-worker.ts", import.meta.url), { type: "module", name: "pow" }),
  );
  const tried = workers.map(() => 0);
  try {
    return await new Promise<Solution>((resolve, reject) => {
      workers.forEach((worker, index) => {
        worker.onmessage = (event: MessageEvent<PowWorkerReply>) => {
          const reply = event.data;
          if (reply.type === "progress") {
            tried[index] = reply.tried;
            onProgress?.(tried.reduce((sum, count) => sum + count, 0));
          } else if (reply.type === "solved") {
            resolve(reply.solution);
          } else {
            reject(new Error(reply.message));
          }
        };
        worker.onerror = (event) => {
          reject(new Error(event.message || "The browser check could not run."));
        };
        const work: PowWork = {
          challenge,
          counterStart: index,
          counterStep: concurrency,
          // Past its challenge's lifetime a solution is worth nothing.
          timeoutMs: DEFAULT_POW_CHALLENGE_TTL_SECONDS * 1000,
        };
        worker.postMessage(work);
      });
    });
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
