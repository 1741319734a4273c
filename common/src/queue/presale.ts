import { createHash } from "node:crypto";
import type { PresaleRefusal } from "./codes";

export function normalizePresaleCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/**
 * What the database keeps of a code. Codes are generated with 80 bits of randomness, so an
 * unsalted SHA-256 cannot be reversed by guessing, and looking it up by this hash reveals
 * nothing a timing could exploit: the attacker controls the code, not its hash.
 */
export function hashPresaleCode(code: string): string {
  return createHash("sha256").update(normalizePresaleCode(code)).digest("hex");
}

/** True while a performance's sale is in its presale (from the pre-queue on, until the general sale). */
export function isPresaleOn(generalSaleOpensAt: number | null, now: number): boolean {
  return generalSaleOpensAt !== null && now < generalSaleOpensAt;
}

/** A stored code as the doors need it. */
export interface FoundPresaleCode {
  id: string;
  revoked: boolean;
  usedUp: boolean;
}

/** Both doors' code book (the database's, in @ticketping/db). */
export interface PresaleCodeBook {
  /**
   * null: no such code for this performance. `usedUp` is false for a buyer who holds an
   * unreturned use of it: their own turn paid, they may come back to it (another tab, a
   * reload, a reconnect after a lost claim answer).
   */
  find(performanceId: string, code: string, userId: string): Promise<FoundPresaleCode | null>;
}

/** What a refusal tells the buyer's client (`details` of each presale refusal, ISO times). */
export interface PresaleRefusalDetails {
  /** When the general sale opens: the line is open to all from then. */
  generalSaleOpensAt: string;
  /** When a buyer without a code may line up for it (the pre-queue's lead before it). */
  generalPreQueueOpensAt: string;
}

export type PresaleEntry =
  | { ok: true; presaleCodeId: string | undefined }
  | { ok: false; code: PresaleRefusal; details: PresaleRefusalDetails };

/**
 * The presale's rule at both doors into the line (the web app's ticket route, the queue
 * socket's session door). Outside a presale the line is open to all and a code is ignored.
 * During it the code must exist for this performance, be unrevoked and have a use left;
 * the use itself is spent only when the holder claims the turn (spendPresaleCode), so a
 * buyer who waits and leaves costs nothing. A buyer without a code is let in from the
 * pre-queue's lead before the general sale: the queue keeps them in the general sale's own
 * pre-queue, shuffled into the line at the general sale (docs/fairness.md).
 */
export async function checkPresaleEntry({
  book,
  performanceId,
  generalSaleOpensAt,
  preQueueLeadMs,
  code,
  userId,
  now = Date.now(),
}: {
  book: PresaleCodeBook;
  performanceId: string;
  /** Who enters: a code they already spent stays theirs (see PresaleCodeBook.find). */
  userId: string;
  generalSaleOpensAt: number | null;
  /** QUEUE_PREQUEUE_LEAD_SECONDS in ms: how long before the general sale its pre-queue takes buyers. */
  preQueueLeadMs: number;
  code: string | undefined;
  now?: number;
}): Promise<PresaleEntry> {
  if (generalSaleOpensAt === null || !isPresaleOn(generalSaleOpensAt, now)) {
    return { ok: true, presaleCodeId: undefined };
  }
  const generalPreQueueOpensAt = generalSaleOpensAt - preQueueLeadMs;
  const refused = (refusal: PresaleRefusal): PresaleEntry => ({
    ok: false,
    code: refusal,
    details: {
      generalSaleOpensAt: new Date(generalSaleOpensAt).toISOString(),
      generalPreQueueOpensAt: new Date(generalPreQueueOpensAt).toISOString(),
    },
  });
  if (code === undefined || code.trim() === "") {
    return now >= generalPreQueueOpensAt
      ? { ok: true, presaleCodeId: undefined }
      : refused("PRESALE_CODE_REQUIRED");
  }
  const found = await book.find(performanceId, code, userId);
  if (!found || found.revoked) return refused("PRESALE_CODE_INVALID");
  if (found.usedUp) return refused("PRESALE_CODE_USED_UP");
  return { ok: true, presaleCodeId: found.id };
}
