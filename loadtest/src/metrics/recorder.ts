import { performance } from "node:perf_hooks";
import { errorCode } from "../clients/step-error";
import { sampleLoopLag } from "./loop-lag";
import type { StepName } from "./steps";

/** One finished step: when it ended (ms since the run started) and how long it took. */
export interface Sample {
  endMs: number;
  durationMs: number;
}

/** A recorder's figures as plain data, to cross a process boundary. */
export interface RecorderSnapshot {
  samples: [StepName, [endMs: number, durationMs: number][]][];
  errors: [StepName, [code: string, count: number][]][];
  queueWaitsMs: number[];
  loopLag: [endMs: number, lagMs: number][];
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
  /** How late the event loops that timed the steps ran (loop-lag.ts), of every process. */
  readonly loopLag: Sample[] = [];
  /** performance.now() when the run started. */
  private readonly origin: number;

  /**
   * `originEpochMs`: when the run started, as `epochMs()` told it (by default now), so that
   * the recorders of several processes of one run share one time line.
   */
  constructor(originEpochMs?: number) {
    this.origin =
      originEpochMs === undefined ? performance.now() : originEpochMs - performance.timeOrigin;
  }

  /** When the run started, in epoch ms (for another process's recorder). */
  get originEpochMs(): number {
    return performance.timeOrigin + this.origin;
  }

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

  /** Samples this process's event loop lag until the returned function is called. */
  sampleLoopLag(): () => void {
    return sampleLoopLag(() => this.now(), this.loopLag);
  }

  queueWait(durationMs: number): void {
    this.queueWaitsMs.push(durationMs);
  }

  snapshot(): RecorderSnapshot {
    return {
      samples: [...this.samples].map(([step, list]) => [
        step,
        list.map((sample): [number, number] => [sample.endMs, sample.durationMs]),
      ]),
      errors: [...this.errors].map(([step, codes]) => [step, [...codes]]),
      queueWaitsMs: this.queueWaitsMs,
      loopLag: this.loopLag.map((sample): [number, number] => [sample.endMs, sample.durationMs]),
    };
  }

  /** Adds another process's figures (recorded on this recorder's time line) to these. */
  merge(snapshot: RecorderSnapshot): void {
    for (const [step, list] of snapshot.samples) {
      let mine = this.samples.get(step);
      if (!mine) this.samples.set(step, (mine = []));
      for (const [endMs, durationMs] of list) mine.push({ endMs, durationMs });
    }
    for (const [step, codes] of snapshot.errors) {
      let mine = this.errors.get(step);
      if (!mine) this.errors.set(step, (mine = new Map<string, number>()));
      for (const [code, count] of codes) mine.set(code, (mine.get(code) ?? 0) + count);
    }
    this.queueWaitsMs.push(...snapshot.queueWaitsMs);
    for (const [endMs, durationMs] of snapshot.loopLag) this.loopLag.push({ endMs, durationMs });
  }
}
