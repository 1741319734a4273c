import { createHealthServer } from "@ticketping/common/health";
import {
  consumerHealthCheck,
  createBrokerProbe,
  createKafka,
  EventPublisher,
} from "@ticketping/common/kafka";
import { installGracefulShutdown } from "@ticketping/common/lifecycle";
import { createLogger } from "@ticketping/common/logger";
import { createMailer, resolveMailConfig } from "@ticketping/common/mail";
import { createPaymentProvider, resolvePaymentProvider } from "@ticketping/common/payments";
import { closeRedis, createRedis, listenForExpiredKeys, pingRedis } from "@ticketping/common/redis";
import { startTracingFromEnv, tracingShutdownStep } from "@ticketping/common/tracing";
import { createPrismaClient } from "@ticketping/db";
import { env } from "./env";
import { registry } from "./metrics";
import type { HandlerDeps } from "./handlers";
import {
  startHoldExpiryListener,
  type RunningHoldExpiryListener,
} from "./holds/listen-hold-expiry";
import { startHoldSweeper } from "./holds/sweep-expired-holds";
import { startMailWorker, type RunningMailWorker } from "./mail/start-mail-worker";
import { startOutboxRelay } from "./outbox-relay";
import { primeSalesSeries } from "./prime-sales-series";
import { registerOutboxBacklog } from "./register-outbox-backlog";
import { createPaymentActivity } from "./payment-activity";
import { startRowPruner } from "./pruning/prune-spent-rows";
import { startWorker, type RunningWorker } from "./worker";

const logger = createLogger({ name: "worker", level: env.LOG_LEVEL });
// Before any work starts, so the first spans are exported too.
const tracing = startTracingFromEnv({ serviceName: "worker", logger });
const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL, applicationName: "worker" });
const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "ticketping-worker", logger });
// The relay and the expiry listener have their own retry paths (backoff, the sweeper), so
// their producer reports a broker outage in seconds instead of retrying for minutes.
const failFastKafka = createKafka({
  brokers: env.KAFKA_BROKERS,
  clientId: "ticketping-worker-outbox",
  logger,
  retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
});
const kafkaProbe = createBrokerProbe({
  brokers: env.KAFKA_BROKERS,
  clientId: "ticketping-worker-probe",
  logger,
});
const redisOptions = { url: env.REDIS_URL, logger };
const redis = createRedis({ ...redisOptions, connectionName: "worker" });
const providerName = resolvePaymentProvider({
  paymentProvider: env.PAYMENT_PROVIDER,
  stripeSecretKey: env.STRIPE_SECRET_KEY,
});
if (providerName === "SIMULATED" && env.NODE_ENV === "production") {
  logger.warn("payments are SIMULATED: refunds and checkout expiries call no provider");
}
const deps: HandlerDeps = {
  prisma,
  logger,
  redis,
  seatKeyPrefix: env.SEAT_KEY_PREFIX,
  waitlist: {
    offerTtlMs: env.WAITLIST_OFFER_TTL_SECONDS * 1000,
    maxOpenHolds: env.HOLD_MAX_OPEN_PER_BUYER,
    queueKeyPrefix: env.QUEUE_KEY_PREFIX,
  },
  payments: createPaymentProvider({
    provider: providerName,
    stripeSecretKey: env.STRIPE_SECRET_KEY,
    stripeApiBase: env.STRIPE_API_BASE,
  }),
};

const runsPayments = env.WORKER_ROLE !== "mail";
const runsMail = env.WORKER_ROLE !== "payments";
const paymentActivity = createPaymentActivity();

const mailConfig = resolveMailConfig(env);
const mailer = createMailer({ smtpUrl: mailConfig.smtpUrl, from: env.MAIL_FROM });

let worker: RunningWorker | undefined;
let mailWorker: RunningMailWorker | undefined;
let listener: RunningHoldExpiryListener | undefined;
const relayPublisher = new EventPublisher(failFastKafka);
const expiryPublisher = new EventPublisher(failFastKafka);
const relay = runsPayments
  ? startOutboxRelay({
      prisma,
      publisher: relayPublisher,
      logger,
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      batchSize: env.OUTBOX_BATCH_SIZE,
    })
  : undefined;
if (runsPayments) {
  registerOutboxBacklog({ registry, prisma, logger });
  void primeSalesSeries({ prisma, logger });
}
const sweeper = runsPayments
  ? startHoldSweeper({
      deps,
      intervalMs: env.HOLD_SWEEP_INTERVAL_MS,
      graceMs: env.HOLD_SWEEP_GRACE_MS,
      refundRetryAfterMs: env.REFUND_RETRY_AFTER_MS,
      stuckPaymentAfterMs: env.STUCK_PAYMENT_AFTER_MS,
      logger,
    })
  : undefined;
const pruner = startRowPruner({ prisma, logger });

const dependencies = {
  database: async () => {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  },
  redis: () => pingRedis(redis),
  kafka: consumerHealthCheck({
    isConsuming: () =>
      (!runsPayments || (worker?.isConsuming() ?? false)) &&
      (!runsMail || (mailWorker?.isConsuming() ?? false)),
    probe: kafkaProbe,
  }),
};
let accepting = true;
const health = createHealthServer(dependencies, {
  ready: { ...dependencies, accepting: () => Promise.resolve(accepting) },
  registry,
  scrape: { token: env.METRICS_TOKEN, production: env.NODE_ENV === "production" },
  logger,
});

const shutdown = installGracefulShutdown({
  logger,
  steps: [
    {
      name: "readiness",
      run: () => {
        accepting = false;
      },
    },
    { name: "hold expiry listener", run: () => listener?.stop() },
    // Finish the message in hand and commit its offset before anything else closes.
    { name: "kafka consumer", run: () => worker?.stop() },
    // Records the event in hand, then finishes the SMTP batch in hand.
    { name: "mail", run: () => mailWorker?.stop() },
    {
      name: "smtp",
      run: () => {
        mailer.close();
      },
    },
    { name: "hold sweeper", run: () => sweeper?.stop() },
    { name: "row pruner", run: () => pruner.stop() },
    // Publishes and marks the batch in hand, so what the handlers wrote goes out.
    { name: "outbox relay", run: () => relay?.stop() },
    {
      name: "kafka producers",
      run: async () => {
        await Promise.all([
          relayPublisher.disconnect(),
          expiryPublisher.disconnect(),
          kafkaProbe.stop(),
        ]);
      },
    },
    {
      name: "health server",
      run: () =>
        new Promise<void>((resolve) => {
          health.close(() => {
            resolve();
          });
        }),
    },
    {
      name: "redis",
      run: () => closeRedis(redis),
    },
    { name: "database", run: () => prisma.$disconnect() },
    // Last: the spans of everything above are sent before the process exits.
    tracingShutdownStep(tracing),
  ],
});

health.listen(env.WORKER_HEALTH_PORT, env.WORKER_HOST, () => {
  const address = health.address();
  const port = typeof address === "object" && address ? address.port : env.WORKER_HEALTH_PORT;
  logger.info({ port, host: env.WORKER_HOST }, "listening");
});

try {
  if (runsPayments) {
    listener = await startHoldExpiryListener({
      // Its connections (one per master on a cluster) are closed by its stop().
      expiredKeys: (onExpired) =>
        listenForExpiredKeys({ ...redisOptions, connectionName: "worker:hold-expiry", onExpired }),
      redis,
      prisma,
      publisher: expiryPublisher,
      logger,
      keyPrefix: env.SEAT_KEY_PREFIX,
    });
    worker = await startWorker({
      ...deps,
      kafka,
      groupId: env.WORKER_GROUP_ID,
      concurrency: env.WORKER_CONCURRENCY,
      activity: paymentActivity,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    });
  }
  if (runsMail) {
    mailWorker = await startMailWorker({
      kafka,
      groupId: `${env.WORKER_GROUP_ID}.mail`,
      prisma,
      logger,
      mailer,
      from: env.MAIL_FROM,
      publicWebUrl: mailConfig.publicWebUrl,
      ticketSigningKey: env.TICKET_SIGNING_KEY,
      emailTokenSecret: env.EMAIL_TOKEN_SECRET,
      retry: {
        attempts: env.MAIL_MAX_ATTEMPTS,
        initialDelayMs: env.MAIL_RETRY_INITIAL_MS,
        maxDelayMs: env.MAIL_RETRY_MAX_MS,
      },
      pollIntervalMs: env.MAIL_POLL_INTERVAL_MS,
      maxEventAgeMs: env.MAIL_MAX_EVENT_AGE_HOURS * 3_600_000,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      // In one process with the payment consumer, mail goes in its pauses.
      ...(runsPayments ? { paymentsBusy: paymentActivity.isBusy } : {}),
    });
  }
  await Promise.all([worker?.ready, mailWorker?.ready]);
  logger.info(
    { groupId: env.WORKER_GROUP_ID, role: env.WORKER_ROLE, payments: providerName },
    "consuming",
  );
} catch (error) {
  logger.fatal({ err: error }, "worker failed to start");
  await shutdown("startup failure", 1);
}
