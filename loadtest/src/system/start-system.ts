import { randomBytes } from "node:crypto";
import path from "node:path";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { env } from "../env";
import type { LoadTestOptions } from "../options";
import { startWeb, type RunningWeb } from "./start-web";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/**
 * Every buyer joins from 127.0.0.1, so the per-address join limit (a burst of a sixth of
 * the per-minute figure) must let all of them, and their rejoins, in at once. The
 * per-user limits stay as shipped.
 */
export function joinLimitPerIpPerMin(buyers: number): number {
  return Math.max(600, buyers * 6 * 4);
}

export interface RunningSystem {
  database: TestDatabase;
  webUrl: string;
  queueUrl: string;
  /** Namespace of this run's queue keys in Redis (shared with no other process). */
  keyPrefix: string;
  nextAuthSecret: string;
  /** The processes this run started, for their CPU time and memory. */
  pids: {
    web: number | undefined;
    "queue-service": number | undefined;
    worker: number | undefined;
  };
  /** The warnings and errors the processes logged (the latest few hundred of each). */
  serviceLogs: () => string;
  /** Stops every process this run started and drops its database; safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * The whole system for one run, on loopback, sharing nothing with the demo or other runs:
 * a throwaway database, the built web app, the queue service and the worker (the same
 * entry points production runs), fresh secrets, its own Redis key prefix and Kafka
 * consumer groups. PostgreSQL, Redis and Kafka themselves are the shared servers.
 */
export async function startSystem({
  options,
  runId,
}: {
  options: LoadTestOptions;
  runId: string;
}): Promise<RunningSystem> {
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step().catch((error: unknown) => {
        console.error("load test: cleanup step failed:", error);
      });
    }
  };
  try {
    const database = await createTestDatabase({ label: "loadtest", maxConnections: 4 });
    cleanup.push(() => database.drop());
    const secret = () => randomBytes(32).toString("hex");
    const secrets = {
      nextAuth: secret(),
      queueTicket: secret(),
      queueToken: secret(),
      webhook: `whsec_${secret()}`,
    };
    const keyPrefix = `loadtest-${runId}:`;
    const shared = {
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      REDIS_URL: env.REDIS_URL,
      KAFKA_BROKERS: env.KAFKA_BROKERS,
      QUEUE_KEY_PREFIX: keyPrefix,
      QUEUE_TOKEN_SECRET: secrets.queueToken,
      PAYMENT_PROVIDER: "simulated",
    };

    // Settled, not all: a failed start must not leave the other one running unseen.
    const [queue, worker] = await Promise.allSettled([
      service(cleanup, "queue-service", "consuming reservation confirmations", {
        ...shared,
        QUEUE_SERVICE_HOST: "127.0.0.1",
        QUEUE_SERVICE_PORT: "0",
        QUEUE_TICKET_SECRET: secrets.queueTicket,
        QUEUE_CONSUMER_GROUP_ID: `loadtest-${runId}-queue`,
        QUEUE_CLAIM_WINDOW_SECONDS: String(options.claimWindow),
        QUEUE_DISCONNECT_GRACE_SECONDS: String(options.disconnectGrace),
        // Used when the performance stores none, as for --refuse-ratio 0.
        QUEUE_DEFAULT_REFUSE_RATIO: String(options.refuseRatio),
        QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: String(joinLimitPerIpPerMin(options.buyers)),
      }),
      service(cleanup, "worker", "consuming", {
        ...shared,
        WORKER_HOST: "127.0.0.1",
        WORKER_HEALTH_PORT: "0",
        WORKER_GROUP_ID: `loadtest-${runId}-worker`,
      }),
    ]);
    for (const started of [queue, worker]) {
      if (started.status === "rejected") throw started.reason;
    }
    if (queue.status !== "fulfilled" || worker.status !== "fulfilled") {
      throw new Error("queue service or worker did not start");
    }
    const queueUrl = `http://127.0.0.1:${queue.value.port}`;

    const web: RunningWeb = await startWeb({
      env: (baseUrl) => ({
        ...shared,
        PATH: env.PATH,
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: secrets.nextAuth,
        QUEUE_TICKET_SECRET: secrets.queueTicket,
        QUEUE_PUBLIC_URL: queueUrl,
        STRIPE_WEBHOOK_SECRET: secrets.webhook,
        HOLD_TTL_SECONDS: String(options.holdTtl),
      }),
    });
    cleanup.push(() => web.stop());

    return {
      database,
      webUrl: web.baseUrl,
      queueUrl,
      keyPrefix,
      nextAuthSecret: secrets.nextAuth,
      serviceLogs: () =>
        [
          `== web\n${web.output()}`,
          `== queue-service\n${warnings(queue.value)}`,
          `== worker\n${warnings(worker.value)}`,
        ].join("\n"),
      pids: {
        web: web.pid,
        "queue-service": queue.value.process.pid,
        worker: worker.value.process.pid,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function warnings(service: SpawnedService): string {
  return service.logs
    .filter((entry) => typeof entry.level === "number" && entry.level >= 40)
    .slice(-300)
    .map((entry) => JSON.stringify(entry))
    .join("\n");
}

async function service(
  cleanup: (() => Promise<unknown>)[],
  name: "queue-service" | "worker",
  readyMessage: string,
  env: Record<string, string>,
): Promise<SpawnedService> {
  const spawned = await spawnService({
    cwd: path.join(repoRoot, name),
    entry: "src/main.ts",
    readyMessage,
    readyTimeoutMs: 90_000,
    // "info": the ready line is an info line.
    env: { ...env, LOG_LEVEL: "info" },
  });
  cleanup.push(() => spawned.stop("SIGTERM", 15_000));
  return spawned;
}
