import { sleep } from "../sleep";
import type { Fault, FaultName } from "./faults";
import { healthyParts } from "./probes";

/** What happened to one fault, with wall-clock times (PostgreSQL's rows are compared to them). */
export interface FaultRecord {
  name: FaultName;
  what: string;
  injectedAt: Date;
  /** When the part was brought back (the restart began). */
  healStartedAt: Date;
  /** When the restart had finished (the part answers again). */
  healedAt: Date;
  /** When the system worked again, or null when it did not within the limit. */
  recoveredAt: Date | null;
  /** Parts healthy before the fault and not again within the limit. */
  unhealthy: string[];
  /** A step of the fault itself failed (e.g. the restart): the run's harness, not the product. */
  error?: string;
}

/**
 * Injects the faults one after another: a quiet `gapMs` first, the fault, `downMs` without
 * the part, the part back, then waits (at most `recoveryLimitMs`) for the system to work
 * again; after each one, `afterEach` (waiting buyers check their place). Stops early on
 * `signal`; returns what was done.
 */
export async function runFaults({
  faults,
  healthUrls,
  gapMs,
  recoveryLimitMs,
  signal,
  log,
  afterEach,
}: {
  faults: readonly Fault[];
  /** The health endpoints of the parts running now, by name. */
  healthUrls: () => Record<string, string>;
  gapMs: number;
  recoveryLimitMs: number;
  signal: AbortSignal;
  log: (line: string) => void;
  afterEach: (fault: Fault) => void;
}): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const fault of faults) {
    try {
      await sleep(gapMs, signal);
    } catch {
      break;
    }
    log(`fault: ${fault.name}: ${fault.what}`);
    const before = await healthyParts(healthUrls());
    const injectedAt = new Date();
    const record: FaultRecord = {
      name: fault.name,
      what: fault.what,
      injectedAt,
      healStartedAt: injectedAt,
      healedAt: injectedAt,
      recoveredAt: null,
      unhealthy: [],
    };
    records.push(record);
    try {
      await fault.inject();
      await sleep(fault.downMs, signal).catch(() => undefined);
      record.healStartedAt = new Date();
      await fault.heal();
      record.healedAt = new Date();
      const limit = Date.now() + recoveryLimitMs;
      while (Date.now() < limit && !signal.aborted) {
        const urls = healthUrls();
        const now = await healthyParts(urls);
        // A part killed for good (a queue instance) has no health endpoint any more.
        record.unhealthy = [...before].filter((name) => name in urls && !now.has(name));
        if (record.unhealthy.length === 0 && (await fault.recovered(record.healStartedAt))) {
          record.recoveredAt = new Date();
          break;
        }
        await sleep(250, signal).catch(() => undefined);
      }
    } catch (error) {
      record.error = (error as Error).message;
    }
    const took = record.recoveredAt
      ? `recovered ${seconds(record.recoveredAt, record.healStartedAt)} s after the restart began`
      : `NOT recovered within ${recoveryLimitMs / 1000} s` +
        (record.error ? `: ${record.error}` : "") +
        (record.unhealthy.length > 0 ? ` (not healthy again: ${record.unhealthy.join(", ")})` : "");
    log(`fault: ${fault.name}: ${took}`);
    afterEach(fault);
    if (signal.aborted) break;
  }
  return records;
}

function seconds(end: Date, start: Date): string {
  return ((end.getTime() - start.getTime()) / 1000).toFixed(1);
}
