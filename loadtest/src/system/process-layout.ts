import { LIMITS, type LoadTestOptions } from "../options";
import { openFileLimit } from "./process-stats";

/** Connections to the web app shared by all buyers of a run (see HttpClient). */
const MAX_HTTP_CONNECTIONS = 1_024;
/** Files a process holds besides its buyers' sockets (Redis, PostgreSQL, Kafka, modules). */
const OTHER_FILES = 256;

export interface ProcessLayout {
  /** Processes the buyers are spread over (1: the buyers run in this process). */
  clientProcesses: number;
  /** QUEUE_PROCESSES of the queue service, and the bare reference's processes. */
  queueProcesses: number;
  /** Keep-alive connections to the web app of each client process. */
  httpConnections: number;
  /** Open files the fullest client and queue process need, and the limit of each. */
  files: { client: number; queue: number; limit: number | null };
}

/**
 * How many client and queue-service processes a run uses: as asked, or one per
 * `buyersPerProcess` buyers, so that no process nears its open-file limit. Throws before
 * anything starts when a process would need more files than it may open.
 */
export function processLayout(
  options: Pick<LoadTestOptions, "buyers" | "clientProcesses" | "queueProcesses">,
  /** Open files one process may hold (null: unknown, nothing checked). */
  limit: number | null = openFileLimit(),
): ProcessLayout {
  const byDefault = Math.max(1, Math.ceil(options.buyers / LIMITS.buyersPerProcess));
  const clientProcesses = options.clientProcesses ?? byDefault;
  const queueProcesses = options.queueProcesses ?? byDefault;
  const clientShare = Math.ceil(options.buyers / clientProcesses);
  const httpConnections = Math.min(clientShare, Math.ceil(MAX_HTTP_CONNECTIONS / clientProcesses));
  // A client process: one socket per buyer and its HTTP connections. A queue-service
  // process (and a bare reference's): one socket per buyer it was handed.
  const files = {
    client: clientShare + httpConnections + OTHER_FILES,
    queue: Math.ceil(options.buyers / queueProcesses) + OTHER_FILES,
    limit,
  };
  if (limit !== null && Math.max(files.client, files.queue) > limit) {
    const which =
      files.client > limit
        ? `${clientProcesses} client process(es) need about ${files.client} open files each`
        : `${queueProcesses} queue-service process(es) need about ${files.queue} open files each`;
    throw new Error(
      `${options.buyers} buyers over ${which}; the limit here is ${limit} per process ` +
        "(ulimit -n). Use more processes (--client-processes, --queue-processes) or fewer buyers.",
    );
  }
  return { clientProcesses, queueProcesses, httpConnections, files };
}
