import { createHealthServer } from "@ticketping/common/health";
import { createKafka } from "@ticketping/common/kafka";
import { installGracefulShutdown } from "@ticketping/common/lifecycle";
import { createLogger } from "@ticketping/common/logger";
import { createPrismaClient } from "@ticketping/db";
import { env } from "./env";
import { startWorker, type RunningWorker } from "./worker";

const logger = createLogger({ name: "worker", level: env.LOG_LEVEL });
const prisma = createPrismaClient({ databaseUrl: env.DATABASE_URL, applicationName: "worker" });
const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "ticketping-worker", logger });

let worker: RunningWorker | undefined;

const health = createHealthServer({
  database: async () => {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  },
  kafka: () => Promise.resolve(worker?.isConsuming() ?? false),
});

const shutdown = installGracefulShutdown({
  logger,
  steps: [
    // Finish the message in hand and commit its offset before anything else closes.
    { name: "kafka consumer", run: () => worker?.stop() },
    {
      name: "health server",
      run: () =>
        new Promise<void>((resolve) => {
          health.close(() => {
            resolve();
          });
        }),
    },
    { name: "database", run: () => prisma.$disconnect() },
  ],
});

health.listen(env.WORKER_HEALTH_PORT, env.WORKER_HOST, () => {
  const address = health.address();
  const port = typeof address === "object" && address ? address.port : env.WORKER_HEALTH_PORT;
  logger.info({ port, host: env.WORKER_HOST }, "listening");
});

try {
  worker = await startWorker({ kafka, prisma, logger, groupId: env.WORKER_GROUP_ID });
  await worker.ready;
  logger.info({ groupId: env.WORKER_GROUP_ID }, "consuming");
} catch (error) {
  logger.fatal({ err: error }, "worker failed to start");
  await shutdown("startup failure", 1);
}
