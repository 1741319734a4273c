import { usedTicketKey, type VerifiedQueueTicket } from "@ticketping/common/queue";
import type { RedisClient } from "@ticketping/common/redis";

/** Past the ticket's expiry, so a clock a little behind the issuer's still refuses it. */
const CLOCK_SKEW_MS = 30_000;

/**
 * Records the ticket's one handshake; false when it was used before, by this or any other
 * instance (SET NX decides between racing handshakes). Remembered until it expires.
 */
export async function claimTicketUse(options: {
  redis: RedisClient;
  keyPrefix: string;
  ticket: VerifiedQueueTicket;
  now?: number;
}): Promise<boolean> {
  const { ticket, now = Date.now() } = options;
  const ttlMs = Math.max(1_000, ticket.expiresAt * 1000 - now + CLOCK_SKEW_MS);
  const set = await options.redis.set(
    usedTicketKey(options.keyPrefix, ticket.ticketId),
    "1",
    "PX",
    ttlMs,
    "NX",
  );
  return set === "OK";
}
