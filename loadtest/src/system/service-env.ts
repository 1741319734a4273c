import { randomBytes } from "node:crypto";
import { LOCAL_WEB_URL } from "@ticketping/common/mail";
import { env } from "../env";
import type { LoadTestOptions } from "../options";

/** Where PostgreSQL (one database), Redis and Kafka of a run are. */
export interface Servers {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string;
}

/** Fresh for every run, so no cookie, ticket or token of another run is accepted. */
export interface RunSecrets {
  nextAuth: string;
  queueTicket: string;
  queueToken: string;
  webhook: string;
  pow: string;
  tickets: string;
  emailToken: string;
}

export function newSecrets(): RunSecrets {
  const secret = () => randomBytes(32).toString("hex");
  return {
    nextAuth: secret(),
    queueTicket: secret(),
    queueToken: secret(),
    webhook: `whsec_${secret()}`,
    pow: secret(),
    tickets: secret(),
    emailToken: secret(),
  };
}

/**
 * Every buyer joins from 127.0.0.1, so the per-address join limit (a burst of a sixth of
 * the per-minute figure) must let all of them, and their rejoins, in at once. The
 * per-user limits stay as shipped.
 */
export function joinLimitPerIpPerMin(buyers: number): number {
  return Math.max(600, buyers * 6 * 4);
}

type Scenario = Pick<
  LoadTestOptions,
  "buyers" | "claimWindow" | "disconnectGrace" | "refuseRatio" | "holdTtl"
>;

/** What the web app, the queue service and the worker of one run all get. */
export function sharedEnv(servers: Servers, runId: string, secrets: RunSecrets) {
  return {
    NODE_ENV: "production",
    DATABASE_URL: servers.databaseUrl,
    REDIS_URL: servers.redisUrl,
    KAFKA_BROKERS: servers.kafkaBrokers,
    QUEUE_KEY_PREFIX: runKeyPrefix(runId),
    SEAT_KEY_PREFIX: runKeyPrefix(runId),
    QUEUE_TOKEN_SECRET: secrets.queueToken,
    // Web signs the tickets buyers see, the worker the ones it mails: one key.
    TICKET_SIGNING_KEY: secrets.tickets,
    // Web checks the verification links the worker signs: one secret.
    EMAIL_TOKEN_SECRET: secrets.emailToken,
    PAYMENT_PROVIDER: "simulated",
  };
}

/** Namespace of a run's queue and seat keys in Redis. */
export function runKeyPrefix(runId: string): string {
  return `loadtest-${runId}:`;
}

export function queueServiceEnv(
  shared: Record<string, string>,
  { runId, secrets, scenario }: { runId: string; secrets: RunSecrets; scenario: Scenario },
): Record<string, string> {
  return {
    ...shared,
    QUEUE_SERVICE_HOST: "127.0.0.1",
    QUEUE_SERVICE_PORT: "0",
    QUEUE_TICKET_SECRET: secrets.queueTicket,
    // The session door: the queue service opens the buyers' session cookies itself.
    NEXTAUTH_SECRET: secrets.nextAuth,
    QUEUE_CONSUMER_GROUP_ID: `loadtest-${runId}-queue`,
    QUEUE_CLAIM_WINDOW_SECONDS: String(scenario.claimWindow),
    QUEUE_DISCONNECT_GRACE_SECONDS: String(scenario.disconnectGrace),
    // Used when the performance stores none, as for --refuse-ratio 0.
    QUEUE_DEFAULT_REFUSE_RATIO: String(scenario.refuseRatio),
    QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: String(joinLimitPerIpPerMin(scenario.buyers)),
    // Every buyer's one handshake comes from 127.0.0.1 too, in the same burst as its join.
    QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN: String(joinLimitPerIpPerMin(scenario.buyers)),
  };
}

export function workerEnv(shared: Record<string, string>, runId: string): Record<string, string> {
  return {
    ...shared,
    WORKER_HOST: "127.0.0.1",
    WORKER_HEALTH_PORT: "0",
    WORKER_GROUP_ID: `loadtest-${runId}-worker`,
    // Production needs both: the run's mail is real SMTP; nobody follows its links.
    SMTP_URL: env.SMTP_URL,
    PUBLIC_WEB_URL: LOCAL_WEB_URL,
  };
}

export function webEnv(
  shared: Record<string, string>,
  {
    baseUrl,
    queueUrl,
    secrets,
    scenario,
    path,
  }: { baseUrl: string; queueUrl: string; secrets: RunSecrets; scenario: Scenario; path: string },
): Record<string, string> {
  return {
    ...shared,
    PATH: path,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: secrets.nextAuth,
    QUEUE_TICKET_SECRET: secrets.queueTicket,
    QUEUE_PUBLIC_URL: queueUrl,
    STRIPE_WEBHOOK_SECRET: secrets.webhook,
    POW_HMAC_SECRET: secrets.pow,
    HOLD_TTL_SECONDS: String(scenario.holdTtl),
  };
}
