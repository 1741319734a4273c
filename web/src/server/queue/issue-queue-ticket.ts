import "server-only";
import {
  DEFAULT_QUEUE_TICKET_TTL_SECONDS,
  queueEntryRateLimit,
  signQueueTicket,
} from "@ticketping/common/queue";
import { enforceRateLimit } from "@ticketping/common/rate-limit";
import { env } from "@/env";
import { requireVerifiedEmail } from "../accounts/require-verified-email";
import { getRedis } from "../redis";
import { passPowForQueue } from "../pow/pass-pow-for-queue";
import type { PowSolution } from "../pow/schemas";
import { getQueueEntryRules } from "./get-queue-entry-rules";
import type { QueueTicket } from "./schemas";

/**
 * The short-lived ticket a signed-in buyer opens the queue socket with: the queue service
 * learns who is connecting without sharing our session store. Rate-limited per buyer; then
 * the performance's rules: a confirmed email address (unless its organizer relaxed that),
 * checked before the proof of work so nobody solves one to be refused after; the ticket
 * opens that performance's line only.
 */
export async function issueQueueTicket({
  userId,
  performanceId,
  pow,
}: {
  userId: string;
  performanceId: string;
  pow: PowSolution | undefined;
}): Promise<QueueTicket> {
  await enforceRateLimit(getRedis(), queueEntryRateLimit, userId, {
    userMessage: "Too many attempts to enter the waiting room. Please wait a moment.",
  });
  const rules = await getQueueEntryRules({ performanceId });
  if (rules.requireVerifiedEmail) await requireVerifiedEmail({ userId });
  await passPowForQueue({ userId, performanceId, complexity: rules.powComplexity, pow });
  const ttlSeconds = DEFAULT_QUEUE_TICKET_TTL_SECONDS;
  // The ticket's exp is counted from the same second or a later one: never earlier.
  const issuedAtSeconds = Math.floor(Date.now() / 1000);
  const ticket = await signQueueTicket({
    secret: env.QUEUE_TICKET_SECRET,
    userId,
    performanceId,
    ttlSeconds,
  });
  return {
    ticket,
    expiresAt: new Date((issuedAtSeconds + ttlSeconds) * 1000).toISOString(),
    queueUrl: env.QUEUE_PUBLIC_URL,
  };
}
