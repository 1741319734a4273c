import { setTimeout as delay } from "node:timers/promises";
import { StepError } from "./clients/step-error";

/** Waits `ms`, or throws StepError ABORTED as soon as the run is stopped. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(Math.max(0, ms), undefined, { signal });
  } catch {
    throw new StepError("ABORTED", "run stopped");
  }
}
