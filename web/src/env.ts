import "server-only";
import { z } from "zod";
import {
  developmentSecret,
  envFields,
  exitOnPublishedSecrets,
  loadEnvOrExit,
} from "@ticketping/common/env";
import { loadPreQueueLeadMs } from "@ticketping/common/env/pre-queue-lead";
import { queueEnvFields } from "@ticketping/common/queue";
import { seatEnvFields } from "@ticketping/common/seats";
import { exitOnPaymentConfigIssues, paymentEnvFields } from "@ticketping/common/payments";
import { metricsEnvFields } from "@ticketping/common/metrics";
import { trustedProxiesSchema } from "@ticketping/common/http";
import { exitOnPublishedTicketKeys, ticketEnvFields } from "@ticketping/common/tickets";
import { accountEnvFields } from "@ticketping/common/accounts";
import {
  DEFAULT_POW_CHALLENGE_TTL_SECONDS,
  DEFAULT_POW_COMPLEXITY,
  powComplexityLimits,
} from "@/server/pow/pow-policy";

// `next build` evaluates route modules to collect page data; secrets are a runtime
// concern, so the build itself must not need them.
const building = process.env.NEXT_PHASE === "phase-production-build";

/**
 * In production a secret must come from the environment; elsewhere a fixed development
 * value keeps `npm start` working with no .env at all.
 */
const secret = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters`)
    .optional()
    .transform((value, context) => {
      if (value) return value;
      if (process.env.NODE_ENV === "production" && !building) {
        context.addIssue({ code: "custom", message: `${name} is required in production` });
        return z.NEVER;
      }
      return developmentSecret(name);
    });

/**
 * A sign-in provider's address. Its secrets and our users' identities travel to it, so
 * only https, or plain http on loopback (a provider run locally for development and tests).
 */
const providerUrl = z
  .url()
  .refine(
    (value) => {
      const url = new URL(value);
      return (
        url.protocol === "https:" ||
        (url.protocol === "http:" && ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname))
      );
    },
    { message: "must be an https:// URL (or http:// on loopback)" },
  )
  .transform((value) => value.replace(/\/+$/, ""));

const powComplexity = z.coerce
  .number()
  .int()
  .min(powComplexityLimits.min)
  .max(powComplexityLimits.max)
  .default(DEFAULT_POW_COMPLEXITY);

export const env = loadEnvOrExit({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
  /** The address buyers use; next-auth needs it to match the browser's host exactly. */
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: secret("NEXTAUTH_SECRET"),
  /** Both set: "Continue with GitHub" on the sign-in page (an OAuth app's id and secret). */
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  /** Where buyers authorize the app: github.com, or a GitHub Enterprise Server. */
  GITHUB_URL: providerUrl.default("https://github.com"),
  /** GitHub's REST API (/user, /user/emails): api.github.com, or `<server>/api/v3`. */
  GITHUB_API_URL: providerUrl.default("https://api.github.com"),
  /**
   * How long a process trusts what it read about a session's user (version, role, whether
   * the user exists) before reading it again: a revocation takes at most this long.
   */
  SESSION_CHECK_TTL_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  /** Must match the queue service's: the booking gate reads its grants. */
  QUEUE_KEY_PREFIX: queueEnvFields.keyPrefix,
  SEAT_KEY_PREFIX: seatEnvFields.keyPrefix,
  /** The queue service signs working tokens with it; the booking gate verifies them. */
  QUEUE_TOKEN_SECRET: queueEnvFields.tokenSecret,
  /** Signs the tickets browsers open the queue socket with; must equal the queue service's. */
  QUEUE_TICKET_SECRET: queueEnvFields.ticketSecret,
  /** The queue service's address as browsers reach it (not necessarily as this server does). */
  QUEUE_PUBLIC_URL: z.url().default("http://localhost:4000"),
  /** The queue service's defaults (must equal its own), shown in the console's empty fields. */
  QUEUE_DEFAULT_MAX_ACTIVE: queueEnvFields.defaultMaxActive,
  QUEUE_DEFAULT_ADMIT_RATE_PER_SEC: queueEnvFields.defaultAdmitRatePerSec,
  QUEUE_DEFAULT_TOKEN_TTL_SECONDS: queueEnvFields.defaultTokenTtlSeconds,
  QUEUE_DEFAULT_REFUSE_RATIO: queueEnvFields.defaultRefuseRatio,
  /** How long a seat hold lasts before it lapses (the buyer must pay within it). */
  HOLD_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** Open (unpaid) holds one buyer may have per performance. */
  HOLD_MAX_OPEN_PER_BUYER: seatEnvFields.maxOpenHoldsPerBuyer,
  /** Serves /api/bench/static, the baseline of the web benchmark. Off in production. */
  BENCH_ROUTES: z
    .enum(["0", "1"])
    .default("0")
    .transform((value) => value === "1"),
  /** Unset: the Simulated provider (a local payment page; no money moves). */
  STRIPE_SECRET_KEY: paymentEnvFields.stripeSecretKey,
  /** Stripe.js on the checkout page (fraud signals before the redirect); optional. */
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, "must be a Stripe publishable key (pk_test_... or pk_live_...)")
    .optional(),
  /** Verifies webhooks (Stripe's, and the simulated checkout's, which are signed the same way). */
  STRIPE_WEBHOOK_SECRET: secret("STRIPE_WEBHOOK_SECRET"),
  STRIPE_API_BASE: paymentEnvFields.stripeApiBase,
  PAYMENT_PROVIDER: paymentEnvFields.paymentProvider,
  /** Bearer token for /api/metrics; without it, metrics are off in production. */
  METRICS_TOKEN: metricsEnvFields.metricsToken,
  /** Proxies whose X-Forwarded-For is believed (hop count or CIDR list); unset: none. */
  TRUSTED_PROXIES: trustedProxiesSchema,
  /** Derives the Ed25519 key that signs tickets' QR codes (doors hold its public half). */
  TICKET_SIGNING_KEY: ticketEnvFields.signingKey,
  /** Public keys of earlier signing keys whose codes the door still admits (a rotation). */
  TICKET_SIGNING_KEYS_PREVIOUS: ticketEnvFields.previousPublicKeys,
  /** Checks the links of verification mails (the worker signs them); must be the worker's. */
  EMAIL_TOKEN_SECRET: accountEnvFields.emailTokenSecret,
  /** Signs proof-of-work challenges, so a client cannot choose an easy one. */
  POW_HMAC_SECRET: secret("POW_HMAC_SECRET"),
  /** Proof of work a sign-up needs (ALTCHA complexity); 0 = none. */
  POW_SIGNUP_COMPLEXITY: powComplexity,
  /** Proof of work to enter the line of a performance whose organizer left it empty. */
  POW_QUEUE_COMPLEXITY: powComplexity,
  /** Seconds a proof-of-work challenge stays valid. */
  POW_CHALLENGE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(DEFAULT_POW_CHALLENGE_TTL_SECONDS),
});

/**
 * QUEUE_PREQUEUE_LEAD_SECONDS in ms, read by the module the queue service reads it with:
 * the ticket route's presale door and the pages' "pre-queue opens at" go by the same lead
 * as the queue's join.
 */
export const preQueueLeadMs = loadPreQueueLeadMs();

if (!building) {
  exitOnPaymentConfigIssues(env);
  exitOnPublishedSecrets(env, [
    "NEXTAUTH_SECRET",
    "QUEUE_TOKEN_SECRET",
    "QUEUE_TICKET_SECRET",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_SECRET_KEY",
    "GITHUB_SECRET",
    "METRICS_TOKEN",
    "POW_HMAC_SECRET",
    "TICKET_SIGNING_KEY",
    "EMAIL_TOKEN_SECRET",
  ]);
  exitOnPublishedTicketKeys(env);
}
