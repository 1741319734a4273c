import type { RateLimitRule } from "../rate-limit";

/**
 * What entering a performance's line costs a buyer, shared by the two doors into it: the
 * web app's ticket route and the queue socket's session handshake (see the queue
 * service's README). Both spend the same per-buyer budget and honour the same proof-of-
 * work pass, so neither door is a way around the other's limits.
 */

/**
 * A waiting room enters when it opens and before each reconnect (backing off to one
 * attempt every 10 s), in every tab. Thirty a minute covers a buyer with a few tabs on a
 * bad network; a script entering in a loop is not a buyer.
 */
export const queueEntryRateLimit = {
  name: "queue-ticket:user",
  limit: 30,
  windowMs: 60_000,
} satisfies RateLimitRule;

/**
 * A buyer who paid the proof of work to enter a performance's line holds this pass: their
 * further entries (reconnects, another tab, the booking page) need none while they keep
 * coming, each one renewing it for POW_ENTRY_PASS_TTL_SECONDS. Place in line is per buyer
 * already, so a pass gives a farm nothing it did not pay for. Braces: the hash tag.
 */
export const entryPassKey = (performanceId: string, userId: string) =>
  `pow:pass:{${performanceId}}:${userId}`;

export const POW_ENTRY_PASS_TTL_SECONDS = 6 * 60 * 60;

/**
 * The proof of work (ALTCHA complexity) of a line whose organizer left it empty, unless
 * POW_QUEUE_COMPLEXITY says otherwise; 0: none. The same figure as the web app's
 * DEFAULT_POW_COMPLEXITY (pow-policy.ts keeps its own copy because the browser's solver
 * imports that file; a web unit test holds the two equal).
 */
export const DEFAULT_QUEUE_POW_COMPLEXITY = 8_000;
