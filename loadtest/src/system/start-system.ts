import {
  createCleanupStack,
  type CleanupStack,
  type SpawnedService,
} from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { env } from "../env";
import type { LoadTestOptions } from "../options";
import {
  newSecrets,
  queueServiceEnv,
  runKeyPrefix,
  sharedEnv,
  webEnv,
  workerEnv,
} from "./service-env";
import { startService, warnings } from "./start-service";
import { startWeb, type RunningWeb } from "./start-web";
import type { ConsumerGroupToWatch } from "./wait-for-consumers";

export interface RunningSystem {
  database: TestDatabase;
  webUrl: string;
  queueUrl: string;
  /** Namespace of this run's queue and seat keys in Redis (shared with no other process). */
  keyPrefix: string;
  nextAuthSecret: string;
  /** Signs webhooks the web app accepts (Stripe's format). */
  webhookSecret: string;
  /** The processes this run started, for their CPU time and memory. */
  pids: {
    web: number | undefined;
    "queue-service": number | undefined;
    worker: number | undefined;
  };
  /** The Kafka consumer groups of this run's queue service and worker. */
  consumerGroups: ConsumerGroupToWatch[];
  /** The worker's health and metrics port (the same after a restart when the overrides fix it). */
  workerPort: () => number;
  /** Stops the worker (SIGTERM, as an orchestrator does); `startWorker` starts a new one. */
  stopWorker: () => Promise<void>;
  startWorker: () => Promise<void>;
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
  overrides = {},
  queueNodeFlags = [],
  workerNodeFlags = [],
  backgroundNice = 0,
  webPort,
}: {
  options: LoadTestOptions;
  runId: string;
  /** Environment set last, per process (e.g. the abuse run restores shipped limits). */
  overrides?: Partial<Record<"web" | "queue-service" | "worker", Record<string, string>>>;
  /** Node.js flags for the queue service (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  queueNodeFlags?: string[];
  /** The same for the worker. */
  workerNodeFlags?: string[];
  /** The niceness of the queue service and the worker (the web app's stays 0). */
  backgroundNice?: number;
  /** The web app's port, when it must be known before the start; a free one by default. */
  webPort?: number;
}): Promise<RunningSystem> {
  const cleanup = createCleanupStack("load test");
  const stop = cleanup.run;
  try {
    const database = await createTestDatabase({ label: "loadtest", maxConnections: 4 });
    cleanup.push(() => database.drop());
    const secrets = newSecrets();
    const keyPrefix = runKeyPrefix(runId);
    const shared = sharedEnv(
      { databaseUrl: database.url, redisUrl: env.REDIS_URL, kafkaBrokers: env.KAFKA_BROKERS },
      runId,
      secrets,
    );

    const workerSettings = { ...workerEnv(shared, runId), ...overrides.worker };
    const queueSettings = {
      ...queueServiceEnv(shared, { runId, secrets, scenario: options }),
      ...overrides["queue-service"],
    };
    // Settled, not all: a failed start must not leave the other one running unseen.
    const [queue, worker] = await Promise.allSettled([
      service(cleanup, "queue-service", queueSettings, queueNodeFlags, backgroundNice),
      startService("worker", workerSettings, workerNodeFlags, backgroundNice),
    ]);
    let currentWorker: SpawnedService | undefined =
      worker.status === "fulfilled" ? worker.value : undefined;
    cleanup.push(() => currentWorker?.stop("SIGTERM", 15_000) ?? Promise.resolve());
    for (const started of [queue, worker]) {
      if (started.status === "rejected") throw started.reason;
    }
    if (queue.status !== "fulfilled" || worker.status !== "fulfilled") {
      throw new Error("queue service or worker did not start");
    }
    const queueUrl = `http://127.0.0.1:${queue.value.port}`;
    const runningWorker = () => {
      if (!currentWorker) throw new Error("the worker is not running");
      return currentWorker;
    };

    const web: RunningWeb = await startWeb({
      ...(webPort ? { port: webPort } : {}),
      env: (baseUrl) => ({
        ...webEnv(shared, { baseUrl, queueUrl, secrets, scenario: options, path: env.PATH }),
        ...overrides.web,
      }),
    });
    cleanup.push(() => web.stop());

    return {
      database,
      webUrl: web.baseUrl,
      queueUrl,
      keyPrefix,
      consumerGroups: consumerGroupsOf(queueSettings, workerSettings),
      nextAuthSecret: secrets.nextAuth,
      webhookSecret: secrets.webhook,
      serviceLogs: () =>
        [
          `== web\n${web.output()}`,
          `== queue-service\n${warnings(queue.value)}`,
          `== worker\n${currentWorker ? warnings(currentWorker) : ""}`,
        ].join("\n"),
      pids: {
        web: web.pid,
        "queue-service": queue.value.process.pid,
        worker: worker.value.process.pid,
      },
      workerPort: () => runningWorker().port,
      stopWorker: async () => {
        const stopping = runningWorker();
        currentWorker = undefined;
        await stopping.stop("SIGTERM", 15_000);
      },
      startWorker: async () => {
        if (currentWorker) throw new Error("the worker runs already");
        currentWorker = await startService(
          "worker",
          workerSettings,
          workerNodeFlags,
          backgroundNice,
        );
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function service(
  cleanup: CleanupStack,
  name: "queue-service" | "worker",
  env: Record<string, string>,
  nodeFlags: string[] = [],
  niceness = 0,
): Promise<SpawnedService> {
  const spawned = await startService(name, env, nodeFlags, niceness);
  cleanup.push(() => spawned.stop("SIGTERM", 15_000));
  return spawned;
}

/**
 * The worker's two groups read every topic from its oldest message when they are new (so
 * they replay the shared topics' history); the queue service's starts at the newest.
 */
function consumerGroupsOf(
  queue: Record<string, string>,
  worker: Record<string, string>,
): ConsumerGroupToWatch[] {
  const groups: ConsumerGroupToWatch[] = [];
  const queueGroup = queue.QUEUE_CONSUMER_GROUP_ID;
  if (queueGroup) groups.push({ groupId: queueGroup, fromBeginning: false });
  const workerGroup = worker.WORKER_GROUP_ID;
  if (workerGroup) {
    // The mail consumer's group is the worker's with ".mail" (worker/src/main.ts).
    groups.push(
      { groupId: workerGroup, fromBeginning: true },
      { groupId: `${workerGroup}.mail`, fromBeginning: true },
    );
  }
  return groups;
}
