// The bare reference of the socket benchmark: plain Socket.IO in the queue-service's process
// layout (a primary handing connections to BARE_PROCESSES workers with @socket.io/sticky,
// rooms shared through the Redis adapter), with nothing of the waiting room: no ticket, no
// Redis per join, no shard rooms. A join puts the socket in one room and acks; one worker
// broadcasts a progress-shaped payload to that room every BARE_BROADCAST_MS.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { setupMaster, setupWorker } from "@socket.io/sticky";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { z } from "zod";
import { envFields, loadEnvOrExit } from "@ticketping/common/env";

const env = loadEnvOrExit({
  REDIS_URL: envFields.redisUrl,
  BARE_PORT: z.coerce.number().int().min(0).default(0),
  BARE_PROCESSES: z.coerce.number().int().positive().default(3),
  BARE_BROADCAST_MS: z.coerce.number().int().positive().default(2_000),
});
const ROOM = "line";

function log(fields: Record<string, unknown>): void {
  console.log(JSON.stringify(fields));
}

if (cluster.isPrimary) {
  cluster.setupPrimary({ serialization: "advanced" });
  const http = createServer();
  setupMaster(http, { loadBalancingMethod: "least-connection" });
  const workers = Array.from({ length: env.BARE_PROCESSES }, () => cluster.fork());
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once("message", () => {
            resolve();
          });
        }),
    ),
  );
  const stop = () => {
    for (const worker of workers) worker.process.kill("SIGTERM");
    http.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  http.listen(env.BARE_PORT, "127.0.0.1", () => {
    const address = http.address();
    log({ msg: "listening", port: typeof address === "object" && address ? address.port : 0 });
  });
} else {
  const pub = new Redis(env.REDIS_URL);
  const sub = new Redis(env.REDIS_URL);
  const io = new Server(createServer(), {
    adapter: createAdapter(pub, sub),
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
  });
  setupWorker(io);
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
  process.send?.({ type: "ready" });
}
