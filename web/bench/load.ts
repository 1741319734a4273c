import { Agent, request } from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Sorted ascending. */
  latenciesMs: number[];
}

export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * A closed-loop load generator over keep-alive HTTP/1.1: `connections` workers, each
 * sending its next request when the previous answer is read, for `durationMs` or
 * `maxRequests`, whichever ends first. Plain node:http keeps the client's own CPU cost
 * small, which matters when client and server share two cores.
 */
export async function runLoad({
  baseUrl,
  connections,
  durationMs = Number.POSITIVE_INFINITY,
  maxRequests = Number.POSITIVE_INFINITY,
  startDelayMs,
  requestsPerConnection = Number.POSITIVE_INFINITY,
  agent: sharedAgent,
  next,
}: {
  baseUrl: string;
  connections: number;
  durationMs?: number;
  maxRequests?: number;
  /**
   * Keep-alive connections to reuse across runs (warm, like a browser that already loaded
   * the page); by default the run opens and closes its own.
   */
  agent?: Agent;
  /** Each worker stops after this many requests (e.g. 1: one hold per buyer). */
  requestsPerConnection?: number;
  /** Staggers the workers' first requests (arrivals spread over time); default none. */
  startDelayMs?: (worker: number) => number;
  /** The request for worker `worker`'s `n`-th call. */
  next: (worker: number, n: number) => LoadRequest;
}): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const agent = sharedAgent ?? new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let issued = 0;
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;

  const send = (spec: LoadRequest) =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: spec.method ?? "GET",
          path: spec.path,
          headers: spec.body
            ? { ...spec.headers, "content-length": Buffer.byteLength(spec.body) }
            : spec.headers,
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            resolve(response.statusCode ?? 0);
          });
        },
      );
      req.on("error", () => {
        resolve(0);
      });
      req.end(spec.body);
    });

  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      const delay = startDelayMs?.(worker) ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      for (
        let n = 0;
        n < requestsPerConnection && performance.now() < deadline && issued < maxRequests;
        n++
      ) {
        issued++;
        const began = performance.now();
        const status = await send(next(worker, n));
        latencies.push(performance.now() - began);
        if (status === 0) errors++;
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  if (!sharedAgent) agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    latenciesMs: latencies,
  };
}
