import cluster from "node:cluster";
import { presaleLedgerFromDatabase } from "../door/presale-ledger";
import { consumerHealthCheck, createBrokerProbe, createKafka } from "@ticketping/common/kafka";
import { installGracefulShutdown } from "@ticketping/common/lifecycle";
import { createLogger } from "@ticketping/common/logger";
import { registerConsumerLag, type ConsumerLag } from "@ticketping/common/metrics/kafka";
import { reservationConfirmed } from "@ticketping/common/events";
import {
  closeRedis,
  createRedis,
  createRedisSubscriber,
  listenForExpiredKeys,
} from "@ticketping/common/redis";
import { startTracingFromEnv, tracingShutdownStep } from "@ticketping/common/tracing";
import { createPrismaClient, loadQueueEntryRules } from "@ticketping/db";
import { createQueueService } from "../app";
import { configFromEnv } from "../config";
import { env } from "../env";
import {
  startConfirmedReleaseConsumer,
  type RunningReleaseConsumer,
} from "../release/confirmed-release-consumer";
import { loadBuyerStatesFromDatabase } from "../door/load-buyer-states-from-database";
import { loadSaleFactsFromDatabase } from "../settings/load-sale-facts-from-database";
import { publicAddress } from "./public-address";
import { joinSiblings, type SiblingDoor } from "./join-siblings";
import { balanceIntake, type IntakeBalance } from "./balance-intake";
import { readOpenFileLimit } from "./open-file-limit";
import { registerSpreadGauges } from "./register-spread-gauges";
import type { WorkerReady } from "./sibling-messages";

const logger = createLogger({ name: "queue-service", level: env.LOG_LEVEL });
const tracing = startTracingFromEnv({ serviceName: "queue-service", logger });
const redisOptions = { url: env.REDIS_URL, logger };
const redis = createRedis({ ...redisOptions, connectionName: "queue-service" });
// Socket.IO's adapter publishes without handling a failure (an unhandled rejection ends
// the process), so its broadcasts wait for a reconnection instead of failing fast.
const adapterPub = createRedis({
  ...redisOptions,
  connectionName: "queue-service:adapter",
  whileDisconnected: "wait",
});
const adapterSub = createRedisSubscriber({
  ...redisOptions,
  connectionName: "queue-service:adapter",
});
const prisma = createPrismaClient({
  databaseUrl: env.DATABASE_URL,
  applicationName: "queue-service",
  maxConnections: 5,
});
const kafka = createKafka({
  brokers: env.KAFKA_BROKERS,
  clientId: "ticketping-queue-service",
  logger,
});
const kafkaProbe = createBrokerProbe({
  brokers: env.KAFKA_BROKERS,
  clientId: "ticketping-queue-service-probe",
  logger,
});

const service = createQueueService({
  redis,
  adapterPub,
  adapterSub,
  // Its connections (one per master on a cluster) are closed by service.close.
  expiredKeys: (onExpired) =>
    listenForExpiredKeys({ ...redisOptions, connectionName: "queue-service:expiry", onExpired }),
  loadSaleFacts: loadSaleFactsFromDatabase(prisma),
  loadBuyerStates: loadBuyerStatesFromDatabase(prisma),
  loadEntryRules: loadQueueEntryRules(prisma),
  presale: presaleLedgerFromDatabase(prisma),
  config: configFromEnv(env),
  logger,
  readiness: {
    kafka: consumerHealthCheck({
      isConsuming: () => consumer?.isConsuming() ?? false,
      probe: kafkaProbe,
    }),
    accepting: () => Promise.resolve(!stopping),
  },
  scrape: { token: env.METRICS_TOKEN, production: env.NODE_ENV === "production" },
});

let consumer: RunningReleaseConsumer | undefined;
let siblingDoor: SiblingDoor | undefined;
let intake: IntakeBalance | undefined;
let consumerLag: ConsumerLag | undefined;
let stopping = false;
/**
 * Descriptors a queue process keeps for itself besides buyers' connections: Redis, the
 * database, Kafka, the siblings' relays, its own files. Beyond its open-file limit less
 * these it stops accepting, rather than accept what it could not hold.
 */
const FD_RESERVE = 256;
let retryTimer: NodeJS.Timeout | undefined;

installGracefulShutdown({
  logger,
  steps: [
    // First: the listening handle stays as it is, and service.close closes it for good.
    { name: "intake balance", run: () => intake?.stop() },
    {
      name: "kafka consumer",
      run: async () => {
        stopping = true;
        clearTimeout(retryTimer);
        await consumer?.stop();
      },
    },
    { name: "consumer lag", run: () => consumerLag?.stop() },
    { name: "kafka probe", run: () => kafkaProbe.stop() },
    { name: "socket.io, timers and http", run: service.close },
    // After Socket.IO: a sibling relays this process's sessions until they are closed.
    { name: "sibling door", run: () => siblingDoor?.close() },
    { name: "database", run: () => prisma.$disconnect() },
    {
      name: "redis",
      run: async () => {
        await Promise.all([redis, adapterPub, adapterSub].map(closeRedis));
      },
    },
    tracingShutdownStep(tracing),
  ],
});

/**
 * Without Kafka the queue still works (slots end by expiry or leaving), so a broker outage
 * at start-up must not keep the waiting room down: keep serving and keep retrying.
 */
async function startConsumer(attempt: number): Promise<void> {
  try {
    consumer = await startConfirmedReleaseConsumer({
      kafka,
      groupId: env.QUEUE_CONSUMER_GROUP_ID,
      logger,
      release: service.releaseConfirmed,
      registry: service.metrics.registry,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    });
    consumerLag ??= registerConsumerLag({
      registry: service.metrics.registry,
      kafka,
      groupId: env.QUEUE_CONSUMER_GROUP_ID,
      topics: [reservationConfirmed.topic],
      logger,
    });
    await consumer.ready;
    logger.info({ groupId: env.QUEUE_CONSUMER_GROUP_ID }, "consuming reservation confirmations");
  } catch (error) {
    if (stopping) return;
    const delay = Math.min(30_000, 1_000 * 2 ** attempt);
    logger.error({ err: error, retryInMs: delay }, "release consumer failed to start");
    retryTimer = setTimeout(() => void startConsumer(attempt + 1), delay);
    retryTimer.unref();
  }
}

// One of several processes (see primary.ts), or the service on its own: either way the
// process listens on the public port; the cluster shares the one socket among processes.
// Siblings are joined first, so every session opened here carries this process's name.
if (cluster.isWorker && cluster.worker) {
  siblingDoor = await joinSiblings(service.io, service.http, cluster.worker.id);
  // Counting starts before the first connection can arrive.
  intake = balanceIntake({
    http: service.http,
    workerId: cluster.worker.id,
    address: publicAddress,
    capacity: readOpenFileLimit() - FD_RESERVE,
    logger,
  });
  registerSpreadGauges(service.metrics.registry, intake);
}
service.http.listen(publicAddress, () => {
  // Report the bound port, not the configured one: tests ask for port 0.
  const address = service.http.address();
  const port = typeof address === "object" && address ? address.port : env.QUEUE_SERVICE_PORT;
  if (siblingDoor) {
    const ready: WorkerReady = { type: "queue:worker-ready", port, siblingPort: siblingDoor.port };
    process.send?.(ready);
    logger.info({ port, siblingPort: siblingDoor.port }, "process listening");
  } else {
    logger.info({ port, host: env.QUEUE_SERVICE_HOST }, "listening");
  }
  void startConsumer(0);
});
