import { openBareSockets } from "../bare/open-bare-sockets";
import type { Random } from "../random";
import { countShare } from "./count-share";
import type { LoadGenerators } from "./load-generators";
import { runBuyersHere } from "./run-buyers-here";

/** The name of this process in the report's tables. */
export const LOAD_GENERATOR = "load generator (this tool)";

/**
 * Every buyer in this process, from the default loopback address: the small runs' way, as
 * it always was. The buyers share the run's `random` (after the plans were drawn from it).
 */
export function inProcessGenerators({
  random,
  seed,
  httpConnections,
  bareTimeoutMs,
}: {
  random: Random;
  seed: number;
  httpConnections: number;
  bareTimeoutMs: number;
}): LoadGenerators {
  let bareOk = 0;
  return {
    bare: {
      clientProcesses: 1,
      open: async (url, count) => {
        const sockets = await openBareSockets({ url, count, timeoutMs: bareTimeoutMs });
        bareOk = sockets.samples.length;
        return sockets;
      },
    },
    runCrowd: async ({ recorder, ...input }) => {
      const stopLoopLag = recorder.sampleLoopLag();
      const results = await runBuyersHere({
        ...input,
        recorder,
        random,
        seed,
        httpConnections,
      }).finally(stopLoopLag);
      return {
        results,
        shares: [
          { name: LOAD_GENERATOR, address: "127.0.0.1", ...countShare(results, recorder, bareOk) },
        ],
      };
    },
    clients: [],
    close: () => Promise.resolve(),
  };
}
