import { z } from "zod";
import { envFields, exitOnPublishedSecrets, loadEnvOrExit } from "@ticketping/common/env";
import { exitOnMailConfigIssues, mailEnvFields } from "@ticketping/common/mail";
import { metricsEnvFields } from "@ticketping/common/metrics";
import { ticketEnvFields } from "@ticketping/common/tickets";
import { accountEnvFields } from "@ticketping/common/accounts";
import { exitOnPaymentConfigIssues, paymentEnvFields } from "@ticketping/common/payments";
import { queueEnvFields } from "@ticketping/common/queue";
import { seatEnvFields } from "@ticketping/common/seats";

export const env = loadEnvOrExit({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
  SEAT_KEY_PREFIX: seatEnvFields.keyPrefix,
  /** Must be the web app's: a waitlist offer is a hold, within the same limit. */
  HOLD_MAX_OPEN_PER_BUYER: seatEnvFields.maxOpenHoldsPerBuyer,
  WAITLIST_OFFER_TTL_SECONDS: seatEnvFields.waitlistOfferTtlSeconds,
  /** The waiting room's keys: seats that come back serve its line before the waitlist. */
  QUEUE_KEY_PREFIX: queueEnvFields.keyPrefix,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  KAFKA_REPLICATION_FACTOR: envFields.kafkaReplicationFactor,
  WORKER_HEALTH_PORT: envFields.port(4100),
  METRICS_TOKEN: metricsEnvFields.metricsToken,
  WORKER_HOST: envFields.host,
  WORKER_GROUP_ID: z.string().min(1).default("ticketping-worker"),
  /**
   * What this process runs: everything (the default), only the payment path ("payments":
   * the consumer, the outbox relay, hold expiry and the sweeper) or only mail ("mail": the
   * mail consumer group, the SMTP sender and the ticket renderer). Split, mail can run on
   * other machines or be scaled apart without ever sharing a CPU with confirmations.
   */
  WORKER_ROLE: z.enum(["all", "payments", "mail"]).default("all"),
  /** Kafka partitions handled at once (each partition's messages stay in order). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Unset: the Simulated provider (refunds and session expiry have nothing to call). */
  STRIPE_SECRET_KEY: paymentEnvFields.stripeSecretKey,
  STRIPE_API_BASE: paymentEnvFields.stripeApiBase,
  PAYMENT_PROVIDER: paymentEnvFields.paymentProvider,
  /** How often the outbox relay looks for new rows when it has nothing to do. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(100),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(200),
  /**
   * How often the sweeper expires PENDING reservations whose hold lapsed unnoticed. Redis
   * reports an expired key only once it notices it, and with many keys carrying a TTL
   * (every hold's seat set lives a day) that comes seconds late under load (the flash
   * crowd's figure: BENCHMARKS.md), so the sweeper is what bounds how late a lapsed seat
   * comes back. One indexed query.
   */
  HOLD_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  /** Lets the Redis expiry notification handle a lapsed hold first. */
  HOLD_SWEEP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
  /**
   * A refund asked for this long ago and still not recorded (its event stuck behind Kafka,
   * dead-lettered, or the provider failed) is carried out directly by the sweeper.
   */
  REFUND_RETRY_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /**
   * A payment recorded this long ago whose hold still waits for it (its event stuck behind
   * Kafka or dead-lettered) is applied directly by the sweeper.
   */
  STUCK_PAYMENT_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /** Unset outside production: the local Mailpit (scripts/mailpit.sh). */
  SMTP_URL: mailEnvFields.smtpUrl,
  MAIL_FROM: mailEnvFields.mailFrom,
  /** The web app as buyers reach it, for links in mail. */
  PUBLIC_WEB_URL: mailEnvFields.publicWebUrl,
  /** Signs the tickets in the confirmation mail; must be the web app's. */
  TICKET_SIGNING_KEY: ticketEnvFields.signingKey,
  /** Signs the links of verification mails; web checks them with the same secret. */
  EMAIL_TOKEN_SECRET: accountEnvFields.emailTokenSecret,
  /**
   * SMTP attempts per mail before it is parked DEAD. With the backoff below (5 s doubling
   * to 30 min), 12 attempts span about 1 h 40 min of outage.
   */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  MAIL_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(1_800_000),
  /** How often the sender looks for due mail (handlers wake it at once for new mail). */
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** Events older than this send no mail (a new consumer group reads old history). */
  MAIL_MAX_EVENT_AGE_HOURS: z.coerce.number().min(0.001).max(720).default(24),
});

exitOnPublishedSecrets(env, [
  "METRICS_TOKEN",
  "STRIPE_SECRET_KEY",
  "TICKET_SIGNING_KEY",
  "EMAIL_TOKEN_SECRET",
]);

exitOnPaymentConfigIssues(env);

exitOnMailConfigIssues(env);
