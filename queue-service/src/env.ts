import { envFields, loadEnvOrExit } from "@ticketping/common/env";

export const env = loadEnvOrExit({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  QUEUE_SERVICE_PORT: envFields.port(4000),
  QUEUE_SERVICE_HOST: envFields.host,
  REDIS_URL: envFields.redisUrl,
});

export type Env = typeof env;
