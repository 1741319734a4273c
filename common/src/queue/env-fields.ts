import { z } from "zod";
import { MIN_SECRET_LENGTH } from "./hs256";

/**
 * Local-only secrets, so a fresh clone runs without a .env. Any process started with
 * NODE_ENV=production must refuse them (they are in the published list of common/src/env).
 */
export const DEVELOPMENT_QUEUE_TICKET_SECRET = "dev-only-queue-ticket-secret-change-me-0000";
export const DEVELOPMENT_QUEUE_TOKEN_SECRET = "dev-only-working-token-secret-change-me-000";

const secret = (fallback: string) =>
  z
    .string()
    .min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)
    .default(fallback);

/**
 * The queue variables that more than one package reads (queue-service, web, worker), so
 * each env module spells and defaults them the same way.
 */
export const queueEnvFields = {
  /** QUEUE_KEY_PREFIX: namespace of every queue key in Redis. */
  keyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/, "letters, digits, ':', '_' and '-' only")
    .default("ticketping:"),
  /** QUEUE_TICKET_SECRET: web signs socket tickets with it, queue-service verifies. */
  ticketSecret: secret(DEVELOPMENT_QUEUE_TICKET_SECRET),
  /** QUEUE_TOKEN_SECRET: queue-service signs working tokens, web's booking gate verifies. */
  tokenSecret: secret(DEVELOPMENT_QUEUE_TOKEN_SECRET),
};
