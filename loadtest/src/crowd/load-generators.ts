import type { BareOpener } from "../bare/measure-bare-connects";
import type { BuyerIdentity, BuyerResult } from "../buyer/context";
import type { BuyerPlan } from "../buyer/plan";
import type { Recorder } from "../metrics/recorder";
import type { CrowdSettings } from "./run-buyers-here";
import type { ShareCounts } from "./crowd-protocol";

/** One process's share of the buyers, as that process counted it. */
export interface ClientShare extends ShareCounts {
  /** The process, as the report's process table names it. */
  name: string;
  /** The loopback address its sockets came from. */
  address: string;
}

/**
 * Where the buyers run: this process, or several client processes. Either way the run gets
 * every buyer's result (in the order of `identities`), every step's samples in its own
 * recorder, the working set the buyers were told, and each process's share counted by
 * that process.
 */
export interface LoadGenerators {
  /** Opens the bare reference's sockets from the same processes as the buyers. */
  bare: BareOpener;
  runCrowd(input: {
    settings: CrowdSettings;
    identities: readonly BuyerIdentity[];
    plans: readonly BuyerPlan[];
    recorder: Recorder;
    stopSignal?: AbortSignal;
    log: (line: string) => void;
    progressLine: (finished: readonly BuyerResult[]) => string;
    observeWorkingSet: (active: number) => void;
  }): Promise<{ results: BuyerResult[]; shares: ClientShare[] }>;
  /** The client processes (none when the buyers run in this process), for CPU and memory. */
  clients: { name: string; pid: number }[];
  close(): Promise<void>;
}
