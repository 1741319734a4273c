// The bare reference of the socket benchmark: plain Socket.IO in the queue-service's process
// layout (BARE_PROCESSES workers accepting from one shared listening socket, SCHED_NONE,
// each stepping aside while over its share as the primary says, src/process/steer-intake.ts;
// rooms shared through the Redis adapter), with nothing of the waiting room: no ticket, no
// Redis per join, no shard rooms. A join puts the socket in one room and acks; one worker
// broadcasts a progress-shaped payload to that room every BARE_BROADCAST_MS. Until 7 Dec
// 2026 its primary read each connection's first request and handed it over
// (@socket.io/sticky), as the queue-service's did; that primary alone grew by 112-152 MB,
// more or less from run to run, which the queue-service's primary no longer does.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { z } from "zod";
import { envFields, loadEnvOrExit } from "@ticketping/common/env";
import { DEFAULT_QUEUE_LISTEN_BACKLOG } from "@ticketping/common/queue";
import { createLogger } from "@ticketping/common/logger";
import { balanceIntake } from "../src/process/balance-intake";
import { readOpenFileLimit } from "../src/process/open-file-limit";
import { steerIntake } from "../src/process/steer-intake";

const env = loadEnvOrExit({
  REDIS_URL: envFields.redisUrl,
  BARE_PORT: z.coerce.number().int().min(0).default(0),
  BARE_PROCESSES: z.coerce.number().int().positive().default(3),
  BARE_BROADCAST_MS: z.coerce.number().int().positive().default(2_000),
});
const ROOM = "line";
const readySchema = z.object({ type: z.literal("ready"), port: z.number().int().positive() });

function log(fields: Record<string, unknown>): void {
  console.log(JSON.stringify(fields));
}

if (cluster.isPrimary) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  steerIntake(cluster);
  const workers = Array.from({ length: env.BARE_PROCESSES }, () => cluster.fork());
  const ports = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<number>((resolve) => {
          const onMessage = (message: unknown) => {
            const ready = readySchema.safeParse(message);
            if (!ready.success) return;
            worker.off("message", onMessage);
            resolve(ready.data.port);
          };
          worker.on("message", onMessage);
        }),
    ),
  );
  const stop = () => {
    for (const worker of workers) worker.process.kill("SIGTERM");
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  log({ msg: "listening", port: ports[0] ?? 0 });
} else {
  const pub = new Redis(env.REDIS_URL);
  const sub = new Redis(env.REDIS_URL);
  const http = createServer();
  const io = new Server(http, {
    adapter: createAdapter(pub, sub),
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
  });
  io.on("connection", (socket) => {
    socket.on("queue:join", (payload: unknown, ack: (answer: unknown) => void) => {
      void socket.join(ROOM);
      ack({ data: { status: "waiting", payload } });
    });
  });
  if (cluster.worker?.id === 1) {
    const timer = setInterval(() => {
      io.to(ROOM).emit("queue:progress", {
        performanceId: "00000000-0000-4000-8000-000000000000",
        phase: "open",
        servedSeq: 100,
        admittedTotal: 100,
        throughputPerSec: 0,
        waiting: 50_000,
        preQueued: 0,
        active: 100,
        maxActive: 100,
        admitRatePerSec: 100,
        opensAt: 0,
        closesAt: 0,
        generalPhase: "open",
        generalOpensAt: 0,
        generalPreQueued: 0,
        pausedFromSeq: 0,
        at: Date.now(),
      });
    }, env.BARE_BROADCAST_MS);
    timer.unref();
  }
  process.once("SIGTERM", () => {
    void io.close();
    pub.disconnect();
    sub.disconnect();
    process.exit(0);
  });
  const address = { port: env.BARE_PORT, host: "127.0.0.1", backlog: DEFAULT_QUEUE_LISTEN_BACKLOG };
  balanceIntake({
    http,
    workerId: cluster.worker?.id ?? 0,
    address,
    // As the queue-service's processes (src/process/serve.ts).
    capacity: readOpenFileLimit() - 256,
    logger: createLogger({ name: "bare-server", level: "warn" }),
  });
  http.listen(address, () => {
    const bound = http.address();
    process.send?.({ type: "ready", port: typeof bound === "object" && bound ? bound.port : 0 });
  });
}
