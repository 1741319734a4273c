import { startTcpProxy } from "./tcp-proxy";

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
  let commands = 0;
  const proxy = await startTcpProxy({
    targetUrl: redisUrl,
    defaultPort: 6379,
    watchClient: () => respCommandCounter(() => commands++),
  });

  return {
    url: proxy.url,
    commands: () => commands,
    reset: () => {
      commands = 0;
    },
    close: proxy.close,
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
