// A Web Worker that searches one share of a proof-of-work challenge's counters with
// altcha-lib's solver, reporting how many it tried so the page can show progress.
import { solveChallenge, type Challenge, type DeriveKeyFunction, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

export interface PowWork {
  challenge: Challenge;
  counterStart: number;
  counterStep: number;
  timeoutMs: number;
}

export type PowWorkerReply =
  | { type: "progress"; tried: number }
  | { type: "solved"; solution: Solution }
  | { type: "failed"; message: string };

const PROGRESS_INTERVAL_MS = 100;

// The project's TypeScript program has the DOM's types, not a worker's; this is the part
// of the worker's global scope used here.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<PowWork>) => void) | null;
  postMessage: (reply: PowWorkerReply) => void;
};

scope.onmessage = (event) => {
  const { challenge, counterStart, counterStep, timeoutMs } = event.data;
  let tried = 0;
  let reportedAt = 0;
  const countingDeriveKey: DeriveKeyFunction = (parameters, salt, password) => {
    tried += 1;
    const now = performance.now();
    if (now - reportedAt >= PROGRESS_INTERVAL_MS) {
      reportedAt = now;
      scope.postMessage({ type: "progress", tried });
    }
    return deriveKey(parameters, salt, password);
  };
  solveChallenge({
    challenge,
    deriveKey: countingDeriveKey,
    counterStart,
    counterStep,
    timeout: timeoutMs,
  }).then(
    (solution) => {
      scope.postMessage(
        solution
          ? { type: "solved", solution }
          : { type: "failed", message: "The check took too long." },
      );
    },
    (error: unknown) => {
      scope.postMessage({
        type: "failed",
        message: error instanceof Error ? error.message : "The check failed.",
      });
    },
  );
};
