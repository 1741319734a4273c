import path from "node:path";
import { spawnService } from "@ticketping/common/testing";
import { QueueConnection } from "../clients/queue-connection";
import { summarize, type LatencySummary } from "../metrics/percentiles";
import { throughput } from "../metrics/summarize";

export interface BareConnects {
  /** Handshakes asked for, all at once, and how many succeeded. */
  attempted: number;
  ok: number;
  /** Successful handshakes per second, first start to last end (as every step's rate). */
  perSecond: number;
  latencyMs: LatencySummary | null;
}

/**
 * The bare reference of the front door: a Socket.IO server with nothing of ours (started
 * here, on a free loopback port) receives `count` handshakes at once from the same client
 * code the buyers use (QueueConnection: websocket only, one connection each), in the same
 * run as the crowd, before it. All sockets are closed again before the crowd starts.
 */
export async function measureBareConnects({
  count,
  timeoutMs,
}: {
  count: number;
  timeoutMs: number;
}): Promise<BareConnects> {
  const server = await spawnService({
    cwd: path.resolve(import.meta.dirname, "../.."),
    entry: "src/bare/bare-socket-server.ts",
    env: {},
  });
  const url = `http://127.0.0.1:${server.port}`;
  const samples: { endMs: number; durationMs: number }[] = [];
  const connections: QueueConnection[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const startedAt = performance.now();
        try {
          const connection = await QueueConnection.open({
            url,
            auth: {},
            listeners: {},
            ackTimeoutMs: timeoutMs,
          });
          const endMs = performance.now();
          samples.push({ endMs, durationMs: endMs - startedAt });
          connections.push(connection);
        } catch {
          // Counted as attempted, not ok.
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
    await server.stop();
  }
  return {
    attempted: count,
    ok: samples.length,
    perSecond: throughput(samples),
    latencyMs: summarize(samples.map((sample) => sample.durationMs)),
  };
}
