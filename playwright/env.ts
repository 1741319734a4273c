import { envFields, parseEnv } from "@ticketping/common/env";
import { z } from "zod";

/**
 * Browser tests run the real system against a database of their own, so they never
 * disturb the demo data of `npm start` and can create whatever rows each spec needs.
 */
export const e2eEnv = parseEnv({
  E2E_DATABASE_URL: envFields.databaseUrl.default(
    "postgresql://ticketping:ticketping@127.0.0.1:5432/ticketping_e2e",
  ),
  REDIS_URL: envFields.redisUrl,
  KAFKA_BROKERS: z.string().default("127.0.0.1:9092"),
  E2E_WEB_PORT: envFields.port(3100),
  E2E_QUEUE_PORT: envFields.port(4200),
  E2E_WORKER_PORT: envFields.port(4300),
  /** The local GitHub the GitHub sign-in spec runs (web is configured with it). */
  E2E_GITHUB_PORT: envFields.port(4400),
  /**
   * Suffix of the worker's and queue-service's consumer groups (the worker's mail group is
   * `<group>.mail`). Runs sharing the Kafka topics with their own databases need groups of
   * their own, or one run's worker takes the other's events: by default each web port
   * gets its own.
   */
  E2E_GROUP_SUFFIX: z.string().min(1).optional(),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  /** Mailpit (scripts/mailpit.sh): the worker sends there, specs read the inbox's API. */
  E2E_SMTP_URL: z.string().default("smtp://127.0.0.1:1025"),
  E2E_MAILPIT_URL: z.url().default("http://127.0.0.1:8025"),
});

/** The OAuth app id web and the local GitHub agree on (its secret is E2E_GITHUB_SECRET). */
export const E2E_GITHUB_CLIENT_ID = "ticketping-e2e";
