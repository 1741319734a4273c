import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCleanupStack, type SpawnedService } from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { env, useDatabaseServer } from "../env";
import type { LoadTestOptions } from "../options";
import {
  newSecrets,
  queueServiceEnv,
  runKeyPrefix,
  sharedEnv,
  webEnv,
  workerEnv,
} from "../system/service-env";
import { startService, warnings } from "../system/start-service";
import { startWeb } from "../system/start-web";
import { startBalancer, type Balancer } from "./balancer";
import { startOwnKafka, type OwnKafka } from "./servers/own-kafka";
import { startOwnPostgres, type OwnPostgres } from "./servers/own-postgres";
import { startOwnRedis, type OwnRedis } from "./servers/own-redis";

/** The queue service runs as two instances behind one balancer, sharing Redis. */
export const QUEUE_INSTANCES = 2;

export interface ChaosSystem {
  redis: OwnRedis;
  kafka: OwnKafka;
  postgres: OwnPostgres;
  database: TestDatabase;
  webUrl: string;
  /** The balancer's URL: what buyers are sent to. */
  queueUrl: string;
  balancer: Balancer;
  keyPrefix: string;
  nextAuthSecret: string;
  /** The worker running now (a new one after each restart). */
  worker: () => SpawnedService;
  /** SIGKILLs the worker: no shutdown, whatever it was doing is cut off. */
  killWorker: () => Promise<void>;
  startWorker: () => Promise<void>;
  queues: SpawnedService[];
  /** The health endpoints that say whether each running process is ready for work. */
  healthUrls: () => Record<string, string>;
  serviceLogs: () => string;
  /** Stops everything the run started and removes its files; safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * The system of a chaos run. Unlike the load test it starts PostgreSQL, Redis and Kafka
 * of its own in a temp dir, so the faults it injects touch nothing shared; then the built
 * web app, two queue service instances behind a TCP balancer, and the worker.
 */
export async function startChaosSystem({
  options,
  runId,
  log,
}: {
  options: LoadTestOptions;
  runId: string;
  log: (line: string) => void;
}): Promise<ChaosSystem> {
  const cleanup = createCleanupStack("chaos run");
  const stop = cleanup.run;
  try {
    const root = await mkdtemp(path.join(tmpdir(), "ticketping-chaos-"));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    const dirs = { redis: path.join(root, "redis"), kafka: path.join(root, "kafka") };
    await Promise.all(Object.values(dirs).map((dir) => mkdir(dir)));
    // Its own temp dir, not under `root` (private to this user): PostgreSQL may run as
    // another user, who must be able to reach it.
    const pgDir = await mkdtemp(path.join(tmpdir(), "ticketping-chaos-pg-"));
    cleanup.push(() => rm(pgDir, { recursive: true, force: true }));

    log("starting the run's own PostgreSQL, Redis and Kafka");
    const [postgres, redis, kafka] = await Promise.allSettled([
      startOwnPostgres(pgDir),
      startOwnRedis(dirs.redis),
      startOwnKafka(dirs.kafka),
    ]);
    if (postgres.status === "fulfilled") cleanup.push(() => postgres.value.kill());
    if (redis.status === "fulfilled") cleanup.push(() => redis.value.stop());
    if (kafka.status === "fulfilled") cleanup.push(() => kafka.value.stop());
    for (const started of [postgres, redis, kafka]) {
      if (started.status === "rejected") throw started.reason;
    }
    if (
      postgres.status !== "fulfilled" ||
      redis.status !== "fulfilled" ||
      kafka.status !== "fulfilled"
    ) {
      throw new Error("a server did not start");
    }

    const database = await createDatabaseOn(postgres.value.url);
    cleanup.push(() => database.drop());
    const secrets = newSecrets();
    const shared = sharedEnv(
      {
        databaseUrl: database.url,
        redisUrl: redis.value.url,
        kafkaBrokers: kafka.value.brokers,
      },
      runId,
      secrets,
    );

    const queueEnv = queueServiceEnv(shared, { runId, secrets, scenario: options });
    const queues: SpawnedService[] = [];
    let worker: SpawnedService | undefined;
    const startWorker = async () => {
      worker = await startService("worker", workerEnv(shared, runId));
    };
    cleanup.push(() => worker?.stop("SIGTERM", 15_000) ?? Promise.resolve());
    cleanup.push(() => Promise.all(queues.map((queue) => queue.stop("SIGTERM", 15_000))));
    const started = await Promise.allSettled([
      ...Array.from({ length: QUEUE_INSTANCES }, async () => {
        queues.push(await startService("queue-service", queueEnv));
      }),
      startWorker(),
    ]);
    for (const outcome of started) {
      if (outcome.status === "rejected") throw outcome.reason;
    }
    const balancer = await startBalancer(queues.map((queue) => queue.port));
    cleanup.push(() => balancer.close());

    const web = await startWeb({
      env: (baseUrl) =>
        webEnv(shared, {
          baseUrl,
          queueUrl: balancer.url,
          secrets,
          scenario: options,
          path: env.PATH,
        }),
    });
    cleanup.push(() => web.stop());

    const currentWorker = () => {
      if (!worker) throw new Error("the worker is not running");
      return worker;
    };
    return {
      redis: redis.value,
      kafka: kafka.value,
      postgres: postgres.value,
      database,
      webUrl: web.baseUrl,
      queueUrl: balancer.url,
      balancer,
      keyPrefix: runKeyPrefix(runId),
      nextAuthSecret: secrets.nextAuth,
      worker: currentWorker,
      killWorker: async () => {
        await currentWorker().stop("SIGKILL");
      },
      startWorker,
      queues,
      healthUrls: () => ({
        web: `${web.baseUrl}/api/health`,
        worker: `http://127.0.0.1:${currentWorker().port}/health`,
        ...Object.fromEntries(
          queues
            .map((queue, index) => ({ queue, name: `queue-service ${index + 1}` }))
            .filter(
              ({ queue }) => queue.process.exitCode === null && queue.process.signalCode === null,
            )
            .map(({ queue, name }) => [name, `http://127.0.0.1:${queue.port}/ready`]),
        ),
      }),
      serviceLogs: () =>
        [
          `== web\n${web.output()}`,
          ...queues.map((queue, index) => `== queue-service ${index + 1}\n${warnings(queue)}`),
          `== worker (the latest)\n${worker ? warnings(worker) : ""}`,
        ].join("\n"),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The run's database on its own server. @ticketping/db/testing creates it on the server
 * DATABASE_URL names, read once on first use; so it is pointed at ours before that use,
 * and the result is checked in case something read it earlier.
 */
async function createDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  useDatabaseServer(serverUrl);
  const database = await createTestDatabase({ label: "chaos", maxConnections: 4 });
  if (new URL(database.url).port !== new URL(serverUrl).port) {
    await database.drop();
    throw new Error(
      "the run's database would not be on its own PostgreSQL: DATABASE_URL was read before " +
        "the chaos run set it",
    );
  }
  return database;
}
