import { z } from "zod";
import { envFields, loadEnvOrExit } from "@ticketping/common/env";

export const env = loadEnvOrExit({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  WORKER_HEALTH_PORT: envFields.port(4100),
  WORKER_HOST: envFields.host,
  WORKER_GROUP_ID: z.string().min(1).default("ticketping-worker"),
});
