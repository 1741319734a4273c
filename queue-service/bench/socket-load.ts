import path from "node:path";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { DEVELOPMENT_QUEUE_TICKET_SECRET, signQueueTicket } from "@ticketping/common/queue";
import { QueueStore } from "@ticketping/common/queue/store";
import {
  ClientProcess,
  spawnService,
  splitEvenly,
  type SpawnedService,
} from "@ticketping/common/testing";
import type { TestDatabase } from "@ticketping/db/testing";
import { createPerformance } from "../test/support/fixtures";
import { formatRate, percentile, report, round } from "./figures";
import {
  openFileLimit,
  openFiles,
  processTree,
  settledTreeMemory,
  type TreeMemory,
} from "./process-tree";
import {
  REST_JOINS_IN_FLIGHT,
  workerReply,
  type WorkerCommand,
  type WorkerReply,
} from "./worker-protocol";

const serviceRoot = path.resolve(import.meta.dirname, "..");
/** Every server process tree this run started, for the watchdog to end. */
const startedServers = new Set<number>();

/** Kills every server process this run started, children first (the watchdog's job). */
export function killStartedServers(): void {
  for (const pid of startedServers) {
    let tree: number[];
    try {
      tree = processTree(pid);
    } catch {
      // Gone already (stopped by its own half of the run).
      continue;
    }
    for (const member of tree.reverse()) {
      try {
        process.kill(member, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
  }
}
const MAX_ACTIVE = 100;
/** File descriptors a process holds besides its sockets, plus headroom. */
const FD_HEADROOM = 64;

type BenchClient = ClientProcess<WorkerCommand, WorkerReply>;

function startClient(): BenchClient {
  return new ClientProcess({
    entry: path.join(import.meta.dirname, "client-worker.ts"),
    parse: (raw) => workerReply.parse(raw),
  });
}

async function warmUp(url: string, performanceId: string): Promise<void> {
  const ticket = await signQueueTicket({
    secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
    userId: randomUUID(),
  });
  const socket = io(url, { auth: { ticket }, transports: ["websocket"], forceNew: true });
  try {
    await socket.timeout(30_000).emitWithAck("queue:status", { performanceId });
  } finally {
    socket.disconnect();
  }
}

/** The server's own view of its event loop and garbage collector, from /metrics. */
async function serverHealth(url: string): Promise<string> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(metrics)?.[1]);
  const gcSeconds = [
    ...metrics.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="(\w+)"\} (\S+)$/gm),
  ]
    .map(([, kind, seconds]) => `${kind} ${round(Number(seconds) * 1_000)} ms`)
    .join(", ");
  return `p99 ${round(value("nodejs_eventloop_lag_p99_seconds") * 1_000)} ms, max ${round(value("nodejs_eventloop_lag_max_seconds") * 1_000)} ms; GC so far: ${gcSeconds}`;
}

/** The progress pushes so far of the process that answers /metrics (to its own sockets). */
async function serverBroadcasts(url: string): Promise<{ seconds: number; count: number }> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const read = (suffix: string) =>
    Number(
      new RegExp(
        `^ticketping_queue_progress_broadcast_duration_seconds_${suffix} (\\S+)$`,
        "m",
      ).exec(metrics)?.[1] ?? 0,
    );
  return { seconds: read("sum"), count: read("count") };
}

interface JoinBatches {
  calls: number;
  buyers: number;
  /** Calls by upper bound of buyers per call (the histogram's cumulative buckets). */
  atMost: Map<string, number>;
}

/** The join script calls so far of the process that answers /metrics, and their sizes. */
async function serverJoinBatches(url: string): Promise<JoinBatches> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const read = (suffix: string) =>
    Number(
      new RegExp(`^ticketping_queue_join_batch_size_${suffix} (\\S+)$`, "m").exec(metrics)?.[1] ??
        0,
    );
  const atMost = new Map(
    [...metrics.matchAll(/^ticketping_queue_join_batch_size_bucket\{le="([^"]+)"\} (\S+)$/gm)].map(
      ([, bound, calls]) => [bound ?? "", Number(calls)] as const,
    ),
  );
  return { calls: read("count"), buyers: read("sum"), atMost };
}

/** Buyers per join call between two reads: the mean, and how many calls were lone or large. */
function joinBatchesBetween(before: JoinBatches, after: JoinBatches): string {
  const calls = after.calls - before.calls;
  if (calls === 0) return "no joins reached this process";
  const callsOfAtMost = (bound: string) =>
    (after.atMost.get(bound) ?? 0) - (before.atMost.get(bound) ?? 0);
  const mean = (after.buyers - before.buyers) / calls;
  return `mean ${round(mean, 2)} buyers a call over ${calls.toLocaleString("en-US")} calls; calls of 1 buyer ${round((callsOfAtMost("1") / calls) * 100)} %, of more than 8 ${round(((calls - callsOfAtMost("8")) / calls) * 100)} %`;
}

/**
 * The mean push of the timed broadcasts alone: those during the joins share the event loop
 * with them and say more about the joins than about a push.
 */
function meanPush(
  before: { seconds: number; count: number },
  after: { seconds: number; count: number },
): string {
  const count = after.count - before.count;
  return count <= 0
    ? "no push measured"
    : `${round(((after.seconds - before.seconds) / count) * 1_000)} ms over ${count} pushes (${round((after.seconds / Math.max(1, after.count)) * 1_000)} ms over all ${after.count}, joins included)`;
}

function mergeErrors(all: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const errors of all) {
    for (const [code, count] of Object.entries(errors)) merged[code] = (merged[code] ?? 0) + count;
  }
  return merged;
}

export interface LayoutFigures {
  sockets: number;
  /** Growth of the tree's resident memory (Rss) per socket, settled readings. */
  bytesPerConnection: number;
  /** Growth of its Private_Dirty per socket, the same readings. */
  privateDirtyPerConnection: number;
  broadcastP50Ms: number;
  broadcastP99Ms: number;
}

export interface SocketFigures {
  nodeOptions: string;
  serverProcesses: number;
  queue: LayoutFigures;
  bare: LayoutFigures;
  burstP50Ms: number;
  burstP99Ms: number;
  overAdmission: number;
}

interface Held {
  held: number;
  connectSeconds: number;
  perProcessFds: number[];
}

/** The rows and figures of memory growth between two settled readings of one tree. */
function memoryGrowth(before: TreeMemory, after: TreeMemory, sockets: number) {
  const mib = (bytes: number) => round(bytes / 2 ** 20);
  const perProcess = after.processes.map((member, index) => {
    const start = before.processes[index];
    return start ? `${mib(member.rss - start.rss)}` : "?";
  });
  const rows: [string, string][] = [
    [
      "server Rss (all processes, median of 5 readings) before -> after",
      `${mib(before.total.rss)} MiB -> ${mib(after.total.rss)} MiB`,
    ],
    ["... growth per process, primary first (MiB)", perProcess.join(" / ")],
    [
      "server Private_Dirty before -> after",
      `${mib(before.total.privateDirty)} MiB -> ${mib(after.total.privateDirty)} MiB`,
    ],
    [
      "resident memory per waiting connection (Rss / Private_Dirty)",
      `${round((after.total.rss - before.total.rss) / sockets / 1_024, 2)} KiB / ${round((after.total.privateDirty - before.total.privateDirty) / sockets / 1_024, 2)} KiB`,
    ],
  ];
  return {
    rows,
    bytesPerConnection: (after.total.rss - before.total.rss) / sockets,
    privateDirtyPerConnection: (after.total.privateDirty - before.total.privateDirty) / sockets,
  };
}

/** Connects `sockets` buyers spread over the client processes. */
async function connectAll(
  clients: BenchClient[],
  url: string,
  serverPid: number,
  sockets: number,
): Promise<Held> {
  const connectStarted = performance.now();
  const shares = splitEvenly(sockets, clients.length).map(([from, to]) => to - from);
  const connected = await Promise.all(
    clients.map((client, index) =>
      client.ask(
        {
          type: "connect",
          url,
          count: shares[index] ?? 0,
          localAddress: ClientProcess.loopbackAddress(index),
        },
        "connected",
      ),
    ),
  );
  return {
    held: connected.reduce((sum, answer) => sum + answer.count, 0),
    connectSeconds: (performance.now() - connectStarted) / 1_000,
    perProcessFds: processTree(serverPid).slice(1).map(openFiles),
  };
}

/** Times `count` broadcasts from their server time to their receipt by every socket. */
async function watchBroadcasts(clients: BenchClient[], count: number) {
  const watchFrom = Date.now();
  const seen = await Promise.all(
    clients.map((client) =>
      client.ask(
        { type: "watch-progress", after: watchFrom, broadcasts: count, timeoutMs: 60_000 },
        "progress-seen",
      ),
    ),
  );
  const byBroadcast = new Map<number, number[]>();
  for (const answer of seen) {
    for (const { at, delaysMs } of answer.broadcasts) {
      byBroadcast.set(at, [...(byBroadcast.get(at) ?? []), ...delaysMs]);
    }
  }
  return [...byBroadcast].sort(([a], [b]) => a - b);
}

async function closeClients(clients: BenchClient[]): Promise<void> {
  await Promise.all(
    clients.map((client) =>
      Promise.race([
        client.ask({ type: "close" }, "closed"),
        new Promise((resolve) => setTimeout(resolve, 10_000)),
      ]),
    ),
  ).catch(() => undefined);
  for (const client of clients) client.kill();
}

function broadcastRows(broadcasts: [number, number[]][]): [string, string][] {
  return broadcasts.map(([at, delays], index): [string, string] => [
    `progress broadcast #${index + 1} (${new Date(at).toISOString()}) reached`,
    `${delays.length} sockets  p50 ${round(percentile(delays, 0.5), 1)} ms  p99 ${round(percentile(delays, 0.99), 1)} ms  max ${round(Math.max(...delays), 1)} ms`,
  ]);
}

/** The worst broadcast's p50 and p99 (each over every socket it reached). */
function worstBroadcast(broadcasts: [number, number[]][]): { p50: number; p99: number } {
  return {
    p50: Math.max(...broadcasts.map(([, delays]) => percentile(delays, 0.5))),
    p99: Math.max(...broadcasts.map(([, delays]) => percentile(delays, 0.99))),
  };
}

/** What went wrong on the server side, counted by message (warnings and worse). */
function loggedProblems(server: SpawnedService): string {
  const counts = new Map<string, number>();
  for (const entry of server.logs) {
    if (typeof entry.level !== "number" || entry.level < 40) continue;
    const err = entry.err as { message?: unknown } | undefined;
    const reason = typeof err?.message === "string" ? `: ${err.message}` : "";
    const key = `${String(entry.msg)}${reason}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size === 0 ? "none" : JSON.stringify(Object.fromEntries(counts)).slice(0, 600);
}

/**
 * Bare Socket.IO (bench/bare-server.ts) in the same process layout, holding the same
 * number of sockets from the same number of client processes: the reference.
 */
async function measureBare(options: {
  redisUrl: string;
  sockets: number;
  serverProcesses: number;
  clientProcesses: number;
  serverNodeOptions: string;
}): Promise<LayoutFigures> {
  const server = await spawnService({
    cwd: serviceRoot,
    entry: "bench/bare-server.ts",
    env: {
      REDIS_URL: options.redisUrl,
      BARE_PROCESSES: String(options.serverProcesses),
      NODE_OPTIONS: options.serverNodeOptions,
    },
  });
  const clients = Array.from({ length: options.clientProcesses }, startClient);
  const pid = server.process.pid ?? 0;
  startedServers.add(pid);
  try {
    const url = `http://127.0.0.1:${server.port}`;
    await Promise.all(clients.map((client) => client.ready));
    const before = await settledTreeMemory(pid);
    const held = await connectAll(clients, url, pid, options.sockets);
    const performanceId = randomUUID();
    const shares = splitEvenly(held.held, clients.length).map(([from, to]) => to - from);
    const joined = await Promise.all(
      clients.map((client, index) =>
        client.ask({ type: "join", performanceId, from: 0, to: shares[index] ?? 0 }, "joined"),
      ),
    );
    const broadcasts = await watchBroadcasts(clients, 3);
    const worst = worstBroadcast(broadcasts);
    // Read as the queue-service's: every socket waiting, pushes going out.
    const memory = memoryGrowth(before, await settledTreeMemory(pid), held.held);
    report(
      `Bare Socket.IO, ${options.serverProcesses} processes behind one port, ${held.held.toLocaleString("en-US")} sockets`,
      [
        [
          "connect",
          `${round(held.connectSeconds)} s (${formatRate(held.held / held.connectSeconds)})`,
        ],
        ["open files per server process", held.perProcessFds.join(" / ")],
        ...memory.rows,
        ["join errors", JSON.stringify(mergeErrors(joined.map((answer) => answer.errors)))],
        ...broadcastRows(broadcasts),
      ],
    );
    return {
      sockets: held.held,
      bytesPerConnection: memory.bytesPerConnection,
      privateDirtyPerConnection: memory.privateDirtyPerConnection,
      broadcastP50Ms: worst.p50,
      broadcastP99Ms: worst.p99,
    };
  } finally {
    await closeClients(clients);
    await server.stop("SIGTERM", 20_000);
    startedServers.delete(pid);
  }
}

/**
 * The real queue-service (the production entry point, QUEUE_PROCESSES processes behind one
 * port) holding every socket as a waiting buyer, then bare Socket.IO in the same layout on
 * the same number of sockets; the buyers live in separate client processes on the same
 * machine.
 */
export async function measureSockets(options: {
  database: TestDatabase;
  redisUrl: string;
  keyPrefix: string;
  sockets: number;
  burstJoins: number;
  burstSeconds: number;
  clientProcesses: number;
  serverProcesses: number;
  serverNodeOptions: string;
}): Promise<SocketFigures> {
  const limit = openFileLimit();
  // Every process, server or client, stays below the per-process open-file limit.
  const sockets = Math.min(
    options.sockets,
    options.serverProcesses * (limit - FD_HEADROOM),
    options.clientProcesses * (limit - FD_HEADROOM),
  );
  const performanceId = await createPerformance(options.database.prisma, {
    seats: MAX_ACTIVE,
    queueMaxActive: MAX_ACTIVE,
    queueAdmitRatePerSec: MAX_ACTIVE,
    queueRefuseRatio: 1_000,
  });
  const server: SpawnedService = await spawnService({
    cwd: serviceRoot,
    entry: "src/main.ts",
    env: {
      QUEUE_SERVICE_PORT: "0",
      QUEUE_PROCESSES: String(options.serverProcesses),
      DATABASE_URL: options.database.url,
      REDIS_URL: options.redisUrl,
      QUEUE_KEY_PREFIX: options.keyPrefix,
      QUEUE_PROGRESS_KEEPALIVE_MS: "2000",
      QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: "100000000",
      QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN: "100000000",
      QUEUE_CONSUMER_GROUP_ID: `queue-bench-${process.pid}`,
      LOG_LEVEL: "info",
      NODE_OPTIONS: options.serverNodeOptions,
    },
    readyTimeoutMs: 60_000,
  });
  const clients = Array.from({ length: options.clientProcesses }, startClient);
  const redis = new Redis(options.redisUrl);
  const store = new QueueStore({ redis, keyPrefix: options.keyPrefix });
  const pid = server.process.pid ?? 0;
  startedServers.add(pid);

  let queue: LayoutFigures;
  let burstP50Ms: number;
  let burstP99Ms: number;
  let overAdmission: number;
  try {
    const url = `http://127.0.0.1:${server.port}`;
    await Promise.all(clients.map((client) => client.ready));
    // As the page views before a sale would: the queue's settings are in Redis already.
    await warmUp(url, performanceId);
    const before = await settledTreeMemory(pid);
    const held = await connectAll(clients, url, pid, sockets);
    const batchesBeforeBurst = await serverJoinBatches(url);
    const shares = splitEvenly(held.held, clients.length).map(([from, to]) => to - from);

    // The burst: the first burstJoins sockets join, evenly spread over burstSeconds.
    const burstJoins = Math.min(options.burstJoins, held.held);
    const burstShares = splitEvenly(burstJoins, clients.length).map(([from, to]) => to - from);
    const burst = await Promise.all(
      clients.map((client, index) =>
        client.ask(
          {
            type: "burst",
            performanceId,
            from: 0,
            to: burstShares[index] ?? 0,
            durationMs: options.burstSeconds * 1_000,
          },
          "burst-done",
        ),
      ),
    );
    const latencies = burst.flatMap((answer) => answer.latenciesMs);
    const serverAfterBurst = await serverHealth(url);
    const batchesAfterBurst = await serverJoinBatches(url);
    // Everyone else joins too, so the server holds every socket as a waiting buyer.
    const rest = await Promise.all(
      clients.map((client, index) =>
        client.ask(
          {
            type: "join",
            performanceId,
            from: burstShares[index] ?? 0,
            to: shares[index] ?? 0,
          },
          "joined",
        ),
      ),
    );
    const batchesAfterRest = await serverJoinBatches(url);
    const stats = await store.stats(performanceId);
    const waitingAndActive = (stats.progress?.waiting ?? 0) + (stats.progress?.active ?? 0);
    const pushesBefore = await serverBroadcasts(url);
    const broadcasts = await watchBroadcasts(clients, 3);
    const worst = worstBroadcast(broadcasts);
    const broadcastSendTime = meanPush(pushesBefore, await serverBroadcasts(url));
    const memory = memoryGrowth(before, await settledTreeMemory(pid), held.held);
    const final = await store.stats(performanceId);
    overAdmission = Math.max(0, (final.progress?.active ?? 0) - MAX_ACTIVE);
    burstP50Ms = percentile(latencies, 0.5);
    burstP99Ms = percentile(latencies, 0.99);

    report(
      `queue-service, ${options.serverProcesses} processes behind one port, ${held.held.toLocaleString("en-US")} waiting sockets`,
      [
        ["server NODE_OPTIONS", options.serverNodeOptions || "(none)"],
        [
          "sockets requested / held",
          `${options.sockets} / ${held.held} (open-file limit ${limit} per process)`,
        ],
        ["open files per server process", held.perProcessFds.join(" / ")],
        [
          "connect",
          `${round(held.connectSeconds)} s (${formatRate(held.held / held.connectSeconds)})`,
        ],
        ["in line after all joined (waiting + active)", waitingAndActive],
        ...memory.rows,
        [
          `burst: ${burstJoins} joins over ${options.burstSeconds} s, ack latency`,
          `p50 ${round(burstP50Ms, 2)} ms  p99 ${round(burstP99Ms, 2)} ms  max ${round(Math.max(...latencies), 2)} ms  (${latencies.length} acked)`,
        ],
        ["event-loop lag of the process that answered /metrics", serverAfterBurst],
        [
          "join calls of that process during the burst",
          joinBatchesBetween(batchesBeforeBurst, batchesAfterBurst),
        ],
        [
          `... while the rest joined (${REST_JOINS_IN_FLIGHT} at a time per client process)`,
          joinBatchesBetween(batchesAfterBurst, batchesAfterRest),
        ],
        ["burst errors", JSON.stringify(mergeErrors(burst.map((answer) => answer.errors)))],
        ["other joins' errors", JSON.stringify(mergeErrors(rest.map((answer) => answer.errors)))],
        ...broadcastRows(broadcasts),
        ["time to push one progress to one process's sockets (mean)", broadcastSendTime],
        ["working set after the run", `${final.progress?.active} of maxActive ${MAX_ACTIVE}`],
        ["over-admission", overAdmission],
        ["server warnings and errors logged", loggedProblems(server)],
      ],
    );
    queue = {
      sockets: held.held,
      bytesPerConnection: memory.bytesPerConnection,
      privateDirtyPerConnection: memory.privateDirtyPerConnection,
      broadcastP50Ms: worst.p50,
      broadcastP99Ms: worst.p99,
    };
  } finally {
    await closeClients(clients);
    await server.stop("SIGTERM", 20_000);
    startedServers.delete(pid);
    await redis.quit();
  }

  const bare = await measureBare({
    redisUrl: options.redisUrl,
    sockets: queue.sockets,
    serverProcesses: options.serverProcesses,
    clientProcesses: options.clientProcesses,
    serverNodeOptions: options.serverNodeOptions,
  });
  return {
    nodeOptions: options.serverNodeOptions,
    serverProcesses: options.serverProcesses,
    queue,
    bare,
    burstP50Ms,
    burstP99Ms,
    overAdmission,
  };
}
