import "server-only";
import { AppError } from "@ticketping/common/errors";
import {
  checkPresaleEntry,
  DEFAULT_QUEUE_TICKET_TTL_SECONDS,
  queueEntryRateLimit,
  signQueueTicket,
} from "@ticketping/common/queue";
import { enforceRateLimit } from "@ticketping/common/rate-limit";
import { presaleCodeBook } from "@ticketping/db";
import { env, preQueueLeadMs } from "@/env";
import { requireVerifiedEmail } from "../accounts/require-verified-email";
import { db } from "../db";
import { getRedis } from "../redis";
import { passPowForQueue } from "../pow/pass-pow-for-queue";
import type { PowSolution } from "../pow/schemas";
import { getQueueEntryRules } from "./get-queue-entry-rules";
import type { QueueTicket } from "./schemas";

/**
 * The short-lived ticket a signed-in buyer opens the queue socket with: the queue service
 * learns who is connecting without sharing our session store. Rate-limited per buyer; then
 * the performance's rules: a confirmed email address (unless its organizer relaxed that),
 * checked before the proof of work so nobody solves one to be refused after; during a
 * presale, a valid code with a use left (checked before the proof of work too), which the
 * ticket carries to the queue service's claim, where it is spent; the ticket opens that
 * performance's line only.
 */
export async function issueQueueTicket({
  userId,
  performanceId,
  pow,
  presaleCode,
}: {
  userId: string;
  performanceId: string;
  pow: PowSolution | undefined;
  presaleCode?: string | undefined;
}): Promise<QueueTicket> {
  await enforceRateLimit(getRedis(), queueEntryRateLimit, userId, {
    userMessage: "Too many attempts to enter the waiting room. Please wait a moment.",
  });
  const rules = await getQueueEntryRules({ performanceId });
  if (rules.requireVerifiedEmail) await requireVerifiedEmail({ userId });
  const presale = await checkPresaleEntry({
    book: presaleCodeBook(db()),
    performanceId,
    generalSaleOpensAt: rules.generalSaleOpensAt,
    preQueueLeadMs,
    code: presaleCode,
    userId,
  });
  if (!presale.ok) {
    throw new AppError(presale.code, `presale entry refused: ${presale.code}`, {
      details: { ...presale.details },
    });
  }
  await passPowForQueue({ userId, performanceId, complexity: rules.powComplexity, pow });
  const ttlSeconds = DEFAULT_QUEUE_TICKET_TTL_SECONDS;
  // The ticket's exp is counted from the same second or a later one: never earlier.
  const issuedAtSeconds = Math.floor(Date.now() / 1000);
  const ticket = await signQueueTicket({
    secret: env.QUEUE_TICKET_SECRET,
    userId,
    performanceId,
    ...(presale.presaleCodeId === undefined ? {} : { presaleCodeId: presale.presaleCodeId }),
    ttlSeconds,
  });
  return {
    ticket,
    expiresAt: new Date((issuedAtSeconds + ttlSeconds) * 1000).toISOString(),
    queueUrl: env.QUEUE_PUBLIC_URL,
  };
}
