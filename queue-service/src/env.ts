import { z } from "zod";
import { envFields, exitOnPublishedSecrets, loadEnvOrExit } from "@ticketping/common/env";
import { loadPreQueueLeadMs } from "@ticketping/common/env/pre-queue-lead";
import { trustedProxiesSchema } from "@ticketping/common/http";
import { metricsEnvFields } from "@ticketping/common/metrics";
import {
  DEFAULT_QUEUE_LISTEN_BACKLOG,
  DEFAULT_QUEUE_POW_COMPLEXITY,
  queueEnvFields,
} from "@ticketping/common/queue";
import { MALLOC_THRESHOLD_DEFAULT } from "./process/malloc-env";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
// glibc ignores an mmap threshold above 32 MiB (its largest on 64-bit machines).
const mallocThreshold = z.coerce
  .number()
  .int()
  .min(0)
  .max(32 * 2 ** 20)
  .default(MALLOC_THRESHOLD_DEFAULT);

export const env = loadEnvOrExit({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  QUEUE_SERVICE_PORT: envFields.port(4000),
  QUEUE_SERVICE_HOST: envFields.host,
  QUEUE_LISTEN_BACKLOG: positiveInt(DEFAULT_QUEUE_LISTEN_BACKLOG),
  /**
   * Processes behind the one port: each holds its own sockets, since the open-file limit
   * is per process. 1 runs the service in the started process itself.
   */
  QUEUE_PROCESSES: positiveInt(1),
  /**
   * glibc malloc thresholds (bytes) the primary starts each queue process with; a single
   * process needs them set before it starts (src/process/malloc-env.ts says why).
   */
  MALLOC_MMAP_THRESHOLD_: mallocThreshold,
  MALLOC_TRIM_THRESHOLD_: mallocThreshold,
  REDIS_URL: envFields.redisUrl,
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  KAFKA_REPLICATION_FACTOR: envFields.kafkaReplicationFactor,
  METRICS_TOKEN: metricsEnvFields.metricsToken,

  QUEUE_KEY_PREFIX: queueEnvFields.keyPrefix,
  QUEUE_TICKET_SECRET: queueEnvFields.ticketSecret,
  QUEUE_TOKEN_SECRET: queueEnvFields.tokenSecret,
  /** Comma-separated origins allowed to open the socket (the web app's); others get 403. */
  QUEUE_CORS_ORIGINS: z
    .string()
    .default("http://localhost:3000,http://127.0.0.1:3000")
    .transform((value) => value.split(",").map((origin) => origin.trim()))
    .pipe(z.array(z.url()).min(1)),
  /** Proxies whose X-Forwarded-For is believed (hop count or CIDR list); unset: none. */
  TRUSTED_PROXIES: trustedProxiesSchema,
  QUEUE_CONSUMER_GROUP_ID: z.string().min(1).default("ticketping-queue-service"),

  // Per-performance defaults; the organizer's values in the database win when set.
  QUEUE_DEFAULT_MAX_ACTIVE: queueEnvFields.defaultMaxActive,
  QUEUE_DEFAULT_ADMIT_RATE_PER_SEC: queueEnvFields.defaultAdmitRatePerSec,
  QUEUE_DEFAULT_TOKEN_TTL_SECONDS: queueEnvFields.defaultTokenTtlSeconds,
  QUEUE_DEFAULT_REFUSE_RATIO: queueEnvFields.defaultRefuseRatio,

  QUEUE_CLAIM_WINDOW_SECONDS: positiveInt(30),
  QUEUE_DISCONNECT_GRACE_SECONDS: nonNegativeInt(60),

  QUEUE_TICK_MS: positiveInt(500),
  QUEUE_MAX_ADMISSIONS_PER_TICK: positiveInt(1_000),
  /** p95 of the admitted buyers' booking requests (ms) admission aims under; 0: fixed rate. */
  QUEUE_PACE_TARGET_MS: nonNegativeInt(400),
  QUEUE_PROGRESS_INTERVAL_MS: positiveInt(1_000),
  QUEUE_PROGRESS_KEEPALIVE_MS: positiveInt(5_000),
  QUEUE_SWEEP_INTERVAL_MS: positiveInt(5_000),
  QUEUE_SETTINGS_REFRESH_MS: positiveInt(2_000),

  QUEUE_JOIN_LIMIT_PER_USER_PER_MIN: positiveInt(30),
  QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: positiveInt(600),
  QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN: positiveInt(600),
  QUEUE_MAX_SOCKETS_PER_BUYER: positiveInt(5),

  // The session door (README, "Two doors"): the web app's own values, so that both doors
  // check the same session, the same way. Without NEXTAUTH_SECRET only tickets open sockets.
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_CHECK_TTL_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  POW_QUEUE_COMPLEXITY: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_QUEUE_POW_COMPLEXITY),
});

exitOnPublishedSecrets(env, [
  "QUEUE_TICKET_SECRET",
  "QUEUE_TOKEN_SECRET",
  "METRICS_TOKEN",
  "NEXTAUTH_SECRET",
]);

/** QUEUE_PREQUEUE_LEAD_SECONDS in ms, read by the module web reads it with (one lead for both). */
export const preQueueLeadMs = loadPreQueueLeadMs();

export type Env = typeof env;
