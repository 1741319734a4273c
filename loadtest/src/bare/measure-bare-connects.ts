import path from "node:path";
import { spawnService } from "@ticketping/common/testing";
import { summarize, type LatencySummary } from "../metrics/percentiles";
import { throughput } from "../metrics/summarize";
import { openBareSockets, type BareSockets } from "./open-bare-sockets";

export interface BareConnects {
  /** Handshakes asked for, all at once, and how many succeeded. */
  attempted: number;
  ok: number;
  /** Successful handshakes per second, first start to last end (as every step's rate). */
  perSecond: number;
  latencyMs: LatencySummary | null;
  /** Server processes behind the one port, and client processes the handshakes came from. */
  serverProcesses: number;
  clientProcesses: number;
}

/** Opens `count` bare sockets from wherever the buyers run (this process, or several). */
export interface BareOpener {
  clientProcesses: number;
  open: (url: string, count: number) => Promise<BareSockets>;
}

/**
 * The bare reference of the front door: a Socket.IO server with nothing of ours (started
 * here, on a free loopback port, in `serverProcesses` processes like the queue service)
 * receives `count` handshakes at once from the buyers' client processes (this one by
 * default) with the buyers' own client code, in the same run as the crowd, before it. All
 * sockets are closed again before the crowd starts.
 */
export async function measureBareConnects({
  count,
  timeoutMs,
  serverProcesses = 1,
  opener = {
    clientProcesses: 1,
    open: (url, share) => openBareSockets({ url, count: share, timeoutMs }),
  },
}: {
  count: number;
  timeoutMs: number;
  serverProcesses?: number;
  opener?: BareOpener;
}): Promise<BareConnects> {
  const server = await spawnService({
    cwd: path.resolve(import.meta.dirname, "../.."),
    entry: "src/bare/bare-socket-server.ts",
    env: { BARE_PROCESSES: String(serverProcesses) },
  });
  let sockets: BareSockets | undefined;
  try {
    sockets = await opener.open(`http://127.0.0.1:${server.port}`, count);
  } finally {
    await sockets?.close();
    await server.stop();
  }
  const { samples } = sockets;
  return {
    attempted: count,
    ok: samples.length,
    perSecond: throughput(samples),
    latencyMs: summarize(samples.map((sample) => sample.durationMs)),
    serverProcesses,
    clientProcesses: opener.clientProcesses,
  };
}
