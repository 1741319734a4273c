// One client process of a load test spread over several: its share of the buyers (and of
// the bare reference's sockets), each from this process's own loopback address, driven
// over IPC by forked-generators.ts. Results stream back as each buyer ends.
import { openBareSockets, type BareSockets } from "../bare/open-bare-sockets";
import { Recorder } from "../metrics/recorder";
import { createRandom } from "../random";
import { countShare } from "./count-share";
import { crowdCommand, type CrowdCommand, type CrowdReply } from "./crowd-protocol";
import { runBuyersHere } from "./run-buyers-here";

let bare: BareSockets | undefined;
let bareOk = 0;
const stop = new AbortController();

function send(message: CrowdReply, sent?: () => void): void {
  process.send?.(message, undefined, {}, sent);
}

async function runCrowd(command: Extract<CrowdCommand, { type: "crowd" }>): Promise<CrowdReply> {
  const recorder = new Recorder(command.originEpochMs);
  let maxActive = -1;
  const stopLoopLag = recorder.sampleLoopLag();
  const results = await runBuyersHere({
    settings: command.settings,
    identities: command.identities,
    plans: command.plans,
    httpConnections: command.httpConnections,
    localAddress: command.localAddress,
    recorder,
    random: createRandom(command.seed),
    seed: command.seed,
    stopSignal: stop.signal,
    log: (line) => {
      if (line !== "") send({ type: "log", line });
    },
    // The load generator writes the progress lines, over every process's results.
    progressLine: () => "",
    // Only a new highest: the load generator keeps the run's highest.
    observeWorkingSet: (active) => {
      if (active <= maxActive) return;
      maxActive = active;
      send({ type: "working-set", active });
    },
    onFinished: (result, index) => {
      send({ type: "finished", index, result });
    },
  }).finally(stopLoopLag);
  return {
    type: "crowd-done",
    recorder: recorder.snapshot(),
    counts: countShare(results, recorder, bareOk),
  };
}

async function handle(command: CrowdCommand): Promise<CrowdReply | undefined> {
  switch (command.type) {
    case "bare-open":
      bare = await openBareSockets(command);
      bareOk = bare.samples.length;
      return { type: "bare-opened", samples: bare.samples };
    case "bare-close":
      await bare?.close();
      bare = undefined;
      return { type: "bare-closed" };
    case "crowd":
      return runCrowd(command);
    case "stop":
      stop.abort();
      return undefined;
    case "close":
      return { type: "closed" };
  }
}

process.on("message", (raw) => {
  const parsed = crowdCommand.safeParse(raw);
  if (!parsed.success) {
    send({ type: "failed", message: parsed.error.message });
    return;
  }
  handle(parsed.data).then(
    (answer) => {
      if (!answer) return;
      // After the last answer is out: the load generator then kills whatever is left.
      send(answer, answer.type === "closed" ? () => process.exit(0) : undefined);
    },
    (error: unknown) => {
      send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    },
  );
});
// The load generator going away must never leave this process holding sockets.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
