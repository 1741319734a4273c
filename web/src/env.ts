import "server-only";
import { envFields, loadEnvOrExit } from "@ticketping/common/env";

export const env = loadEnvOrExit({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
});
