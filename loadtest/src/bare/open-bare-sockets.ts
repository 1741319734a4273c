import { QueueConnection } from "../clients/queue-connection";

export interface BareSockets {
  /** One per handshake that succeeded: when it ended (epoch ms) and how long it took. */
  samples: { endMs: number; durationMs: number }[];
  /** Closes every socket opened. */
  close: () => Promise<void>;
}

/**
 * `count` handshakes at once to the bare reference server, from this process, with the
 * buyers' own client code (QueueConnection: websocket only, one connection each). The
 * sockets stay open until `close`, so the server holds all of them at the end. Times are
 * epoch ms, comparable between the client processes of one run.
 */
export async function openBareSockets({
  url,
  count,
  timeoutMs,
  localAddress,
}: {
  url: string;
  count: number;
  timeoutMs: number;
  localAddress?: string;
}): Promise<BareSockets> {
  const samples: BareSockets["samples"] = [];
  const connections: QueueConnection[] = [];
  const epochMs = () => performance.timeOrigin + performance.now();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const startedAt = epochMs();
      try {
        const connection = await QueueConnection.open({
          url,
          auth: {},
          listeners: {},
          ackTimeoutMs: timeoutMs,
          localAddress,
        });
        const endMs = epochMs();
        samples.push({ endMs, durationMs: endMs - startedAt });
        connections.push(connection);
      } catch {
        // Counted as attempted, not ok.
      }
    }),
  );
  return {
    samples,
    close: () => {
      for (const connection of connections) connection.close();
      return Promise.resolve();
    },
  };
}
