import cluster, { type Worker } from "node:cluster";
import { createServer } from "node:http";
import { setupMaster } from "@socket.io/sticky";
import { createLogger } from "@ticketping/common/logger";
import { env } from "../env";
import { countQueuedHandovers } from "./count-queued-handovers";
import { mallocEnv } from "./malloc-env";
import { publicAddress } from "./public-address";
import { isWorkerReady } from "./sticky-worker";
import { stopReadingOnHandover } from "./stop-reading-on-handover";

/**
 * The one public port in front of QUEUE_PROCESSES queue-service processes. Each process
 * holds its own sockets (the open-file limit is per process), runs its own ticker, sweeper,
 * expiry listener and Kafka consumer exactly as separate instances would, and shares rooms
 * through the Redis adapter. The primary only reads each connection's first request to
 * pick a process (a long-polling client's session stays on the process that opened it),
 * then passes the connection's file descriptor on and closes its own copy.
 */
const logger = createLogger({ name: "queue-service", level: env.LOG_LEVEL });
const processes = env.QUEUE_PROCESSES;
// Buffers (a forwarded request's bytes) must cross the IPC channel intact.
cluster.setupPrimary({ serialization: "advanced" });

const http = createServer();
setupMaster(http, { loadBalancingMethod: "least-connection" });

let stopping = false;
const exits = new Map<Worker, Promise<number>>();

function fork(): Promise<void> {
  const worker = cluster.fork(mallocEnv(env));
  stopReadingOnHandover(worker);
  countQueuedHandovers(worker);
  exits.set(
    worker,
    new Promise((resolve) => {
      worker.once("exit", (code, signal) => {
        exits.delete(worker);
        if (!stopping) {
          // A process lost is a share of the sockets lost; its buyers reconnect to the others.
          logger.error({ pid: worker.process.pid, code, signal }, "queue process died; restarting");
          void fork();
        }
        resolve(code);
      });
    }),
  );
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isWorkerReady(message)) return;
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      resolve();
    };
    const onExit = (code: number | null) => {
      reject(new Error(`queue process exited with ${code} before it was ready`));
    };
    worker.on("message", onMessage);
    worker.once("exit", onExit);
  });
}

async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  http.close();
  // Each process runs its own graceful shutdown; the primary waits for all of them.
  for (const worker of exits.keys()) worker.process.kill("SIGTERM");
  const codes = await Promise.all(exits.values());
  logger.info({ codes }, "shutdown complete");
  process.exit(codes.every((code) => code === 0) ? 0 : 1);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));

try {
  await Promise.all(Array.from({ length: processes }, fork));
} catch (error) {
  logger.fatal({ err: error }, "queue processes failed to start");
  stopping = true;
  for (const worker of exits.keys()) worker.process.kill("SIGTERM");
  process.exit(1);
}
http.listen(publicAddress, () => {
  // Report the bound port, not the configured one: tests ask for port 0.
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : env.QUEUE_SERVICE_PORT;
  logger.info({ port, host: env.QUEUE_SERVICE_HOST, processes }, "listening");
});
