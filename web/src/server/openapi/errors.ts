import { z } from "zod";
import { errorCodes, type ErrorCode } from "@ticketping/common/errors";
import type { Operation } from "./operation";

/** What each code means, as a client should read it (web/README.md says the same). */
export const errorMeanings: Record<ErrorCode, string> = {
  VALIDATION_FAILED:
    "A field is not valid; `details.issues: [{ path, message, code? }]` names each (`code` where a rule has its own, e.g. `UNKNOWN_TIME_ZONE`).",
  UNAUTHENTICATED: "No credentials: no session (sign in first), or no metrics token.",
  FORBIDDEN: "Signed in without the needed role.",
  CSRF_REJECTED: "A state-changing request a browser sent for another site.",
  QUEUE_TOKEN_REQUIRED:
    "No valid working token for this performance; `details.waitingRoom` is where to queue.",
  POW_REQUIRED:
    "A proof of work is needed (`pow`): solve one from `GET /api/pow/challenge` and send again.",
  POW_INVALID:
    "The proof of work is not valid; `details.reason`: signature, solution, purpose or complexity.",
  POW_EXPIRED: "The proof of work's challenge expired: solve a new one.",
  POW_REPLAYED: "The proof of work was already spent: each solves one request.",
  PRESALE_CODE_REQUIRED:
    "The sale is in its presale (before `details.generalSaleOpensAt`), its general sale's pre-queue is not open yet (at the line's doors, `details.generalPreQueueOpensAt` says when it opens to buyers without a code), and no presale code came with the request.",
  PRESALE_CODE_INVALID: "No such presale code for this performance, or its organizer revoked it.",
  PRESALE_CODE_USED_UP: "Every use of this presale code is spent.",
  EMAIL_NOT_VERIFIED:
    "The account's email is not confirmed and this performance's line asks for it: open the mailed link, or `POST /api/auth/verification-mail` for a new one.",
  VERIFICATION_LINK_INVALID:
    "The token is malformed, forged, tampered with, or names no verification (its account is gone or its address changed).",
  VERIFICATION_LINK_EXPIRED:
    "The token is genuine but past its 24 hours: `POST /api/auth/verification-mail` sends a new link.",
  VERIFICATION_LINK_USED: "The token was already used (each works once).",
  EMAIL_ALREADY_VERIFIED: "The address is confirmed already: no link is sent.",
  NOT_FOUND: "Nothing by that id or slug (a malformed one names nothing either).",
  CONFLICT: "Refused by the current state; `details.reason` (or `status`) says which rule.",
  EMAIL_TAKEN: "An account with this email exists.",
  SEAT_UNAVAILABLE: "Some seats are held or sold; `details.seatIds` names them.",
  HOLD_LIMIT_REACHED: "Over a limit; `details.limit` says which, `details.max` how many.",
  SALE_CLOSED: "The performance is not on sale now.",
  REPORT_NOT_PUBLIC:
    "The sale's fairness report is published once the sale closes; `details.closesAt` says when it is due to.",
  HOLD_EXPIRED: "The hold has lapsed (or has under 10 s left).",
  WEBHOOK_SIGNATURE_INVALID: "A missing, forged, tampered or stale Stripe-Signature.",
  PAYLOAD_TOO_LARGE: "The body is over the limit; `details.maxBytes`.",
  RATE_LIMITED: "Too many requests; `details.retryAfterSeconds` and Retry-After where known.",
  SERVICE_UNAVAILABLE: "A dependency is down; retry after Retry-After seconds.",
  INTERNAL: "A bug: logged on the server, no details sent.",
};

const SAFE_METHODS = new Set(["get"]);

/** The codes an operation answers: those its shape implies, then its own. */
export function operationErrors(operation: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (operation.access !== "public" && operation.access !== "metrics") {
    if (operation.access !== "stripe") codes.add("UNAUTHENTICATED");
    if (operation.access === "organizer" || operation.access === "door") codes.add("FORBIDDEN");
    if (operation.access === "admitted") codes.add("QUEUE_TOKEN_REQUIRED");
  }
  if (!SAFE_METHODS.has(operation.method) && !operation.crossSiteAllowed) {
    codes.add("CSRF_REJECTED");
  }
  if (operation.params) codes.add("NOT_FOUND");
  if (operation.query || operation.body) codes.add("VALIDATION_FAILED");
  if (operation.body) codes.add("PAYLOAD_TOO_LARGE");
  for (const code of operation.errors) codes.add(code);
  return [...codes];
}

/** The error codes of one operation grouped by their HTTP status. */
export function errorsByStatus(codes: ErrorCode[]): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = errorCodes[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return byStatus;
}

/**
 * `{ error: { code, message, details? } }` with `code` narrowed to the codes this status
 * answers for this operation: a code the document does not list is a broken contract.
 */
export function errorBodySchema(codes: ErrorCode[]): z.ZodType {
  const [first, ...rest] = codes;
  if (first === undefined) throw new Error("an error answer needs at least one code");
  return z.strictObject({
    error: z.strictObject({
      code: z.enum([first, ...rest]),
      message: z.string().describe("Safe to show to users."),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  });
}

/** Statuses whose answers carry Retry-After; required where the server always knows. */
export const retryAfterHeader: Partial<Record<number, { required: boolean }>> = {
  429: { required: false },
  503: { required: true },
};
