import { readSessionToken, sessionTokenOfCookieHeader } from "@ticketping/common/accounts";
import {
  checkPresaleEntry,
  entryPassKey,
  POW_ENTRY_PASS_TTL_SECONDS,
  queueEntryRateLimit,
  type QueueEntryRulesSource,
  type ConnectErrorCode,
} from "@ticketping/common/queue";
import { consumeRateLimit } from "@ticketping/common/rate-limit";
import type { RedisClient } from "@ticketping/common/redis";
import type { BuyerStates } from "./buyer-states";
import type { PresaleLedger } from "./presale-ledger";

export interface SessionDoor {
  /** The web app's NEXTAUTH_SECRET. */
  secret: string;
  buyers: BuyerStates;
  rules: QueueEntryRulesSource;
  redis: RedisClient;
  presale: Pick<PresaleLedger, "book">;
  /** QUEUE_PREQUEUE_LEAD_SECONDS in ms: from then before the general sale, no code is needed. */
  preQueueLeadMs: number;
}

export type SessionEntry =
  | { ok: true; userId: string; presaleCodeId: string | undefined }
  | { ok: false; code: ConnectErrorCode; extra?: Record<string, unknown> };

/**
 * The socket's second door: the web app's session cookie instead of a ticket, for one
 * performance named in the handshake. Everything the ticket route checks before it signs a
 * ticket is checked here, in the same order and against the same state: the session is
 * sealed by the web app's secret, unexpired and not ended since (its version); one entry
 * of the buyer's per-minute budget, shared with the ticket route; the performance has a
 * line; a confirmed address when the line asks one; during a presale, a valid code with a
 * use left, or none from the pre-queue's lead before the general sale (checkPresaleEntry); a proof-of-work pass when the line asks one (the pass is
 * earned at the ticket route, which is where the solution goes). The socket that passes is
 * bound to that performance, as a ticket's would be, and carries the code to the claim.
 */
export async function enterWithSession(
  door: SessionDoor,
  {
    cookieHeader,
    performanceId,
    presaleCode,
  }: { cookieHeader: string | undefined; performanceId: string; presaleCode?: string | undefined },
): Promise<SessionEntry> {
  const claims = readSessionToken(sessionTokenOfCookieHeader(cookieHeader), door.secret);
  if (!claims) return { ok: false, code: "UNAUTHENTICATED" };
  const { userId } = claims;
  let state = await door.buyers.current(userId);
  // Versions only grow: a newer session than remembered means the memory is stale.
  if (state && claims.sessionVersion > state.sessionVersion) {
    state = await door.buyers.current(userId, { fresh: true });
  }
  if (!state || state.sessionVersion !== claims.sessionVersion) {
    return { ok: false, code: "UNAUTHENTICATED" };
  }
  const budget = await consumeRateLimit(door.redis, queueEntryRateLimit, userId);
  if (!budget.allowed) {
    return {
      ok: false,
      code: "RATE_LIMITED",
      extra: { retryAfterSeconds: Math.max(1, Math.ceil(budget.retryAfterMs / 1000)) },
    };
  }
  const rules = await door.rules.get(performanceId);
  if (!rules) return { ok: false, code: "UNKNOWN_PERFORMANCE" };
  if (rules.requireVerifiedEmail && !state.emailVerified) {
    // "Verified" never goes back; "not verified" is read afresh before refusing.
    const current = await door.buyers.current(userId, { fresh: true });
    if (!current?.emailVerified) return { ok: false, code: "EMAIL_NOT_VERIFIED" };
  }
  // Before the proof of work, as at the ticket route: nobody solves one to be refused after.
  const presale = await checkPresaleEntry({
    book: door.presale.book,
    performanceId,
    generalSaleOpensAt: rules.generalSaleOpensAt,
    preQueueLeadMs: door.preQueueLeadMs,
    code: presaleCode,
    userId,
  });
  if (!presale.ok) return { ok: false, code: presale.code, extra: { ...presale.details } };
  if (rules.powComplexity > 0) {
    const pass = await door.redis.getex(
      entryPassKey(performanceId, userId),
      "EX",
      POW_ENTRY_PASS_TTL_SECONDS,
    );
    if (pass === null) return { ok: false, code: "POW_REQUIRED" };
  }
  return { ok: true, userId, presaleCodeId: presale.presaleCodeId };
}
