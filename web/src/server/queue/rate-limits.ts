import type { RateLimitRule } from "@ticketping/common/rate-limit";

/**
 * A waiting room asks for a ticket when it opens and before each reconnect (backing off
 * to one attempt every 10 s), in every tab. Thirty a minute covers a buyer with a few
 * tabs on a bad network; a script minting tickets in a loop is not a buyer.
 */
export const queueTicketRateLimits = {
  perUser: { name: "queue-ticket:user", limit: 30, windowMs: 60_000 },
} satisfies Record<string, RateLimitRule>;
