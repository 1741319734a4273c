import { z } from "zod";
import { envFields } from "../env";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
} from "./development-secrets";
import { MIN_SECRET_LENGTH } from "./hs256";

export { DEVELOPMENT_QUEUE_TICKET_SECRET, DEVELOPMENT_QUEUE_TOKEN_SECRET };

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
  keyPrefix: envFields.redisKeyPrefix("ticketping:"),
  /** QUEUE_TICKET_SECRET: web signs socket tickets with it, queue-service verifies. */
  ticketSecret: secret(DEVELOPMENT_QUEUE_TICKET_SECRET),
  /** QUEUE_TOKEN_SECRET: queue-service signs working tokens, web's booking gate verifies. */
  tokenSecret: secret(DEVELOPMENT_QUEUE_TOKEN_SECRET),
};
