import { randomBytes } from "node:crypto";
import cluster, { type Worker } from "node:cluster";
import { createLogger } from "@ticketping/common/logger";
import { env } from "../env";
import { mallocEnv } from "./malloc-env";
import { steerIntake } from "./steer-intake";
import { workerReadySchema, type Siblings } from "./sibling-messages";

/**
 * The one public port shared by QUEUE_PROCESSES queue-service processes. Each process
 * holds its own sockets (the open-file limit is per process), runs its own ticker, sweeper,
 * expiry listener and Kafka consumer exactly as separate instances would, and shares rooms
 * through the Redis adapter. Every process accepts from the same listening socket
 * (SCHED_NONE), so the kernel hands out connections and the primary never touches one;
 * passing each descriptor over IPC, one acknowledged handle at a time, held intake to a
 * third of bare Socket.IO. A long-polling session's requests that land on another process
 * are relayed to the session's own (join-siblings.ts).
 */
const logger = createLogger({ name: "queue-service", level: env.LOG_LEVEL });
const processes = env.QUEUE_PROCESSES;
cluster.schedulingPolicy = cluster.SCHED_NONE;
// The kernel's spread is uneven: the primary tells a process over its share to step aside (steer-intake.ts).
steerIntake(cluster);

const secret = randomBytes(32).toString("base64url");
const siblingPorts = new Map<number, number>();
let publicPort: number | undefined;
let stopping = false;
const exits = new Map<Worker, Promise<number>>();

function announceSiblings(): void {
  const message: Siblings = {
    type: "queue:siblings",
    secret,
    ports: Object.fromEntries(siblingPorts),
  };
  for (const worker of exits.keys()) if (worker.isConnected()) worker.send(message);
}

function fork(): Promise<void> {
  const worker = cluster.fork(mallocEnv(env));
  exits.set(
    worker,
    new Promise((resolve) => {
      worker.once("exit", (code, signal) => {
        exits.delete(worker);
        siblingPorts.delete(worker.id);
        if (!stopping) {
          // A process lost is a share of the sockets lost; its buyers reconnect to the others.
          logger.error({ pid: worker.process.pid, code, signal }, "queue process died; restarting");
          announceSiblings();
          void fork();
        }
        resolve(code);
      });
    }),
  );
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const ready = workerReadySchema.safeParse(message);
      if (!ready.success) return;
      worker.off("message", onMessage);
      worker.off("exit", onExit);
      publicPort = ready.data.port;
      siblingPorts.set(worker.id, ready.data.siblingPort);
      announceSiblings();
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
// Report the bound port, not the configured one: tests ask for port 0.
logger.info(
  { port: publicPort ?? env.QUEUE_SERVICE_PORT, host: env.QUEUE_SERVICE_HOST, processes },
  "listening",
);
