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
 * Connections the kernel may hold for the queue service before it accepts them. Node's
 * default, 511, overflows when a flash crowd's handshakes arrive in the same second: the
 * kernel drops the extra SYNs and each client retries after 1, 3, 7... s, so a buyer waits
 * seconds for a socket the process had time to accept. Linux caps it at net.core.somaxconn
 * (4096 by default since 5.4). The load test's bare Socket.IO reference listens with it too.
 */
export const DEFAULT_QUEUE_LISTEN_BACKLOG = 4_096;

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
  /**
   * QUEUE_DEFAULT_*: a performance's waiting-room settings where its organizer left them
   * empty. The queue service runs with them; web shows them in the console in place of the
   * empty fields, so both must be given the same values.
   */
  defaultMaxActive: z.coerce.number().int().positive().default(1_000),
  defaultAdmitRatePerSec: z.coerce.number().int().positive().default(50),
  defaultTokenTtlSeconds: z.coerce.number().int().positive().default(600),
  /** 0 turns the LINE_FULL refusal off. */
  defaultRefuseRatio: z.coerce.number().min(0).default(2),
};
