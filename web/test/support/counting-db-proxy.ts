import { startTcpProxy } from "./tcp-proxy";

export interface CountingDbProxy {
  /** DATABASE_URL for the server under test: the real one, with the proxy's port. */
  url: string;
  /** Statements the server sent since the last reset (Query and Execute messages). */
  statements(): number;
  /** The SQL text of each Parse / Query message since the last reset. */
  sql(): string[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend side of the wire protocol
 * and counts the statements passing through. Every query of the server under test has
 * to cross it, so "0 statements" is proof, not an estimate. It understands the plain
 * (non-TLS) protocol node-postgres speaks on loopback.
 */
export async function startCountingDbProxy(databaseUrl: string): Promise<CountingDbProxy> {
  let statements = 0;
  let texts: string[] = [];
  const proxy = await startTcpProxy({
    targetUrl: databaseUrl,
    defaultPort: 5432,
    watchClient: () => {
      let buffered = Buffer.alloc(0);
      let startupDone = false;
      return (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (;;) {
          if (!startupDone) {
            // StartupMessage (or SSLRequest): Int32 length, no type byte.
            if (buffered.length < 8) break;
            const length = buffered.readInt32BE(0);
            if (buffered.length < length) break;
            const code = buffered.readInt32BE(4);
            startupDone = code !== 80877103; // SSLRequest is followed by the real startup
            buffered = buffered.subarray(length);
            continue;
          }
          if (buffered.length < 5) break;
          const type = String.fromCharCode(buffered[0] ?? 0);
          const length = buffered.readInt32BE(1);
          if (buffered.length < length + 1) break;
          const body = buffered.subarray(5, length + 1);
          if (type === "Q" || type === "E") statements++;
          if (type === "Q") texts.push(body.toString("utf8").replace(/\0$/, ""));
          if (type === "P") {
            // Parse: statement name (C string), then the query (C string).
            const nameEnd = body.indexOf(0);
            const queryEnd = body.indexOf(0, nameEnd + 1);
            texts.push(body.subarray(nameEnd + 1, queryEnd).toString("utf8"));
          }
          buffered = buffered.subarray(length + 1);
        }
      };
    },
  });

  return {
    url: proxy.url,
    statements: () => statements,
    sql: () => [...texts],
    reset: () => {
      statements = 0;
      texts = [];
    },
    close: proxy.close,
  };
}
