import { fork, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { io } from "socket.io-client";
import { DEVELOPMENT_QUEUE_TICKET_SECRET, signQueueTicket } from "@ticketping/common/queue";
import { QueueStore } from "@ticketping/common/queue/store";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import type { TestDatabase } from "@ticketping/db/testing";
import { createPerformance } from "../test/support/fixtures";
import { formatRate, percentile, report, round } from "./figures";
import { workerReply, type WorkerCommand, type WorkerReply } from "./worker-protocol";

const serviceRoot = path.resolve(import.meta.dirname, "..");
const MAX_ACTIVE = 100;
/** File descriptors a queue-service process holds besides its sockets, plus headroom. */
const FD_HEADROOM = 32;

class ClientProcess {
  private readonly child: ChildProcess;
  private waiting: ((reply: WorkerReply) => void) | undefined;
  /** Resolves once the process has loaded and can take commands. */
  readonly ready: Promise<void>;

  constructor() {
    this.ready = new Promise((resolve) => {
      this.waiting = () => {
        resolve();
      };
    });
    this.child = fork(path.join(import.meta.dirname, "client-worker.ts"), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (raw) => {
      const parsed = workerReply.parse(raw);
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve?.(parsed);
    });
  }

  async ask<Type extends WorkerReply["type"]>(
    command: WorkerCommand,
    expected: Type,
  ): Promise<Extract<WorkerReply, { type: Type }>> {
    const answer = await new Promise<WorkerReply>((resolve) => {
      this.waiting = resolve;
      this.child.send(command);
    });
    if (answer.type !== expected) {
      throw new Error(`client process answered ${JSON.stringify(answer).slice(0, 300)}`);
    }
    return answer as Extract<WorkerReply, { type: Type }>;
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
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

async function serverBroadcastTime(url: string): Promise<string> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const read = (suffix: string) =>
    Number(
      new RegExp(
        `^ticketping_queue_progress_broadcast_duration_seconds_${suffix} (\\S+)$`,
        "m",
      ).exec(metrics)?.[1],
    );
  const count = read("count");
  return `${round((read("sum") / count) * 1_000)} ms over ${count} broadcasts`;
}

function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1_024;
}

function openFileLimit(): number {
  const match = /Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"));
  return Number(match?.[1] ?? 1_024);
}

/** Splits [0, total) into `parts` contiguous ranges. */
function ranges(total: number, parts: number): [number, number][] {
  const size = Math.ceil(total / parts);
  return Array.from({ length: parts }, (_, index) => [
    Math.min(total, index * size),
    Math.min(total, (index + 1) * size),
  ]);
}

function mergeErrors(all: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const errors of all) {
    for (const [code, count] of Object.entries(errors)) merged[code] = (merged[code] ?? 0) + count;
  }
  return merged;
}

export interface SocketFigures {
  /** NODE_OPTIONS the server ran with. */
  nodeOptions: string;
  sockets: number;
  bytesPerConnection: number;
  burstP50Ms: number;
  burstP99Ms: number;
  broadcastP99Ms: number;
  overAdmission: number;
}

/**
 * One real queue-service process (the production entry point) holding every waiting
 * socket; the buyers live in separate client processes on the same machine.
 */
export async function measureSockets(options: {
  database: TestDatabase;
  redisUrl: string;
  keyPrefix: string;
  sockets: number;
  burstJoins: number;
  burstSeconds: number;
  clientProcesses: number;
  serverNodeOptions: string;
}): Promise<SocketFigures> {
  const benchServerNodeOptions = options.serverNodeOptions;
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
      DATABASE_URL: options.database.url,
      REDIS_URL: options.redisUrl,
      QUEUE_KEY_PREFIX: options.keyPrefix,
      QUEUE_PROGRESS_KEEPALIVE_MS: "2000",
      QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: "100000000",
      QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN: "100000000",
      QUEUE_CONSUMER_GROUP_ID: `queue-bench-${process.pid}`,
      LOG_LEVEL: "info",
      NODE_OPTIONS: benchServerNodeOptions,
    },
  });
  const clients = Array.from({ length: options.clientProcesses }, () => new ClientProcess());
  const redis = new Redis(options.redisUrl);
  const store = new QueueStore({ redis, keyPrefix: options.keyPrefix });
  const pid = server.process.pid ?? 0;

  try {
    const url = `http://127.0.0.1:${server.port}`;
    const baselineFds = readdirSync(`/proc/${pid}/fd`).length;
    const limit = openFileLimit();
    const sockets = Math.min(options.sockets, limit - baselineFds - FD_HEADROOM);
    const burstJoins = Math.min(options.burstJoins, sockets);
    await Promise.all(clients.map((client) => client.ready));
    // As the page views before a sale would: the queue's settings are in Redis already.
    await warmUp(url, performanceId);
    const rssBefore = residentBytes(pid);

    const connectStarted = performance.now();
    const shares = ranges(sockets, clients.length).map(([from, to]) => to - from);
    const connected = await Promise.all(
      clients.map((client, index) =>
        client.ask({ type: "connect", url, count: shares[index] ?? 0 }, "connected"),
      ),
    );
    const connectSeconds = (performance.now() - connectStarted) / 1_000;
    const held = connected.reduce((sum, answer) => sum + answer.count, 0);

    // The burst: the first burstJoins sockets join, evenly spread over burstSeconds.
    const burstShares = ranges(burstJoins, clients.length).map(([from, to]) => to - from);
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
    const stats = await store.stats(performanceId);
    const waitingAndActive = (stats.progress?.waiting ?? 0) + (stats.progress?.active ?? 0);
    const rssAfter = residentBytes(pid);

    const watchFrom = Date.now();
    const seen = await Promise.all(
      clients.map((client) =>
        client.ask(
          { type: "watch-progress", after: watchFrom, broadcasts: 3, timeoutMs: 30_000 },
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
    const broadcasts = [...byBroadcast].sort(([a], [b]) => a - b);

    const broadcastSendTime = await serverBroadcastTime(url);
    const final = await store.stats(performanceId);
    const overAdmission = Math.max(0, (final.progress?.active ?? 0) - MAX_ACTIVE);
    const bytesPerConnection = (rssAfter - rssBefore) / held;
    const burstP50Ms = percentile(latencies, 0.5);
    const burstP99Ms = percentile(latencies, 0.99);
    const broadcastP99s = broadcasts.map(([, delays]) => percentile(delays, 0.99));
    const broadcastP99Ms = Math.max(...broadcastP99s);

    report(`One queue-service process holding ${held.toLocaleString("en-US")} waiting sockets`, [
      ["server NODE_OPTIONS", options.serverNodeOptions || "(none)"],
      [
        "sockets requested / held",
        `${options.sockets} / ${held} (open-file limit ${limit}, ${baselineFds} fds before)`,
      ],
      ["connect", `${round(connectSeconds)} s (${formatRate(held / connectSeconds)})`],
      ["in line after all joined (waiting + active)", waitingAndActive],
      [
        "server RSS before -> after",
        `${round(rssBefore / 2 ** 20)} MiB -> ${round(rssAfter / 2 ** 20)} MiB`,
      ],
      ["resident memory per waiting connection", `${round(bytesPerConnection / 1_024, 2)} KiB`],
      [
        `burst: ${burstJoins} joins over ${options.burstSeconds} s, ack latency`,
        `p50 ${round(burstP50Ms, 2)} ms  p99 ${round(burstP99Ms, 2)} ms  max ${round(Math.max(...latencies), 2)} ms  (${latencies.length} acked)`,
      ],
      ["server event-loop lag after the burst", serverAfterBurst],
      ["burst errors", JSON.stringify(mergeErrors(burst.map((answer) => answer.errors)))],
      ["other joins' errors", JSON.stringify(mergeErrors(rest.map((answer) => answer.errors)))],
      ...broadcasts.map(([at, delays], index): [string, string] => [
        `progress broadcast #${index + 1} (${new Date(at).toISOString()}) reached`,
        `${delays.length} sockets  p50 ${round(percentile(delays, 0.5), 1)} ms  p99 ${round(percentile(delays, 0.99), 1)} ms  max ${round(Math.max(...delays), 1)} ms`,
      ]),
      ["server time to send one broadcast (mean)", broadcastSendTime],
      ["working set after the run", `${final.progress?.active} of maxActive ${MAX_ACTIVE}`],
      ["over-admission", overAdmission],
    ]);

    return {
      nodeOptions: benchServerNodeOptions,
      sockets: held,
      bytesPerConnection,
      burstP50Ms,
      burstP99Ms,
      broadcastP99Ms,
      overAdmission,
    };
  } finally {
    await Promise.all(
      clients.map((client) =>
        Promise.race([
          client.ask({ type: "close" }, "closed"),
          new Promise((resolve) => setTimeout(resolve, 10_000)),
        ]),
      ),
    ).catch(() => undefined);
    for (const client of clients) client.kill();
    await server.stop("SIGTERM", 20_000);
    await redis.quit();
  }
}
