import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface CountingRedisProxy {
  /** REDIS_URL for the server under test: the real one, with the proxy's port. */
  url: string;
  /** Commands the server sent since the last reset (RESP arrays). */
  commands(): number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of Redis that counts the commands passing through, so a test can
 * prove a request made no Redis call at all. Every RESP command from a client is an array
 * that starts a fresh line with `*`; bulk strings inside it are length-prefixed, so the
 * counter skips their bytes rather than guessing from their contents.
 */
export async function startCountingRedisProxy(redisUrl: string): Promise<CountingRedisProxy> {
  const target = new URL(redisUrl);
  let commands = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = createConnection({
      host: target.hostname,
      port: Number(target.port || 6379),
    });
    sockets.add(client).add(upstream);
    const counter = respCommandCounter(() => commands++);
    client.on("data", (chunk: Buffer) => {
      counter(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", closeBoth).on("error", closeBoth);
    upstream.on("close", closeBoth).on("error", closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = new URL(redisUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);

  return {
    url: url.toString(),
    commands: () => commands,
    reset: () => {
      commands = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Feeds a client's byte stream; calls onCommand once per complete RESP array header. */
function respCommandCounter(onCommand: () => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  // Bytes of the current bulk string (plus its CRLF) still to skip.
  let skip = 0;
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (skip > 0) {
        const skipped = Math.min(skip, buffered.length);
        buffered = buffered.subarray(skipped);
        skip -= skipped;
        if (skip > 0) return;
      }
      const lineEnd = buffered.indexOf("\r\n");
      if (lineEnd < 0) return;
      const line = buffered.subarray(0, lineEnd).toString("latin1");
      buffered = buffered.subarray(lineEnd + 2);
      if (line.startsWith("*")) onCommand();
      else if (line.startsWith("$")) skip = Math.max(0, Number(line.slice(1))) + 2;
    }
  };
}
