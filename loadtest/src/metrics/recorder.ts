import { performance } from "node:perf_hooks";
import { errorCode } from "../clients/step-error";
import type { StepName } from "./steps";

/** One finished step: when it ended (ms since the run started) and how long it took. */
export interface Sample {
  endMs: number;
  durationMs: number;
}

/**
 * Collects every step's latency and every error while the buyers run. Cheap on purpose:
 * thousands of buyers call it from one event loop that also drives their sockets.
 */
export class Recorder {
  readonly samples = new Map<StepName, Sample[]>();
  /** `step` -> error code -> count. */
  readonly errors = new Map<StepName, Map<string, number>>();
  readonly queueWaitsMs: number[] = [];
  private readonly origin = performance.now();

  /** Milliseconds since the run started. */
  now(): number {
    return performance.now() - this.origin;
  }

  ok(step: StepName, startMs: number, endMs = this.now()): void {
    let list = this.samples.get(step);
    if (!list) this.samples.set(step, (list = []));
    list.push({ endMs, durationMs: endMs - startMs });
  }

  fail(step: StepName, code: string): void {
    let codes = this.errors.get(step);
    if (!codes) this.errors.set(step, (codes = new Map<string, number>()));
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }

  /** Runs one step, recording its latency when it succeeds and its code when it fails. */
  async time<T>(step: StepName, run: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      const result = await run();
      this.ok(step, start);
      return result;
    } catch (error) {
      this.fail(step, errorCode(error));
      throw error;
    }
  }

  queueWait(durationMs: number): void {
    this.queueWaitsMs.push(durationMs);
  }
}
