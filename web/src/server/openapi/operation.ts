import type { z } from "zod";
import type { ErrorCode } from "@ticketping/common/errors";

/**
 * Who may call an operation, as the OpenAPI document's security says it:
 * - public: anyone;
 * - session: a signed-in user (next-auth's session cookie);
 * - admitted: a signed-in buyer with a working token for the show's performance;
 * - organizer: a session with the ADMIN role;
 * - door: a session with the STAFF or the ADMIN role (checking tickets in);
 * - metrics: the METRICS_TOKEN bearer token (open outside production when unset);
 * - stripe: a request signed with STRIPE_WEBHOOK_SECRET.
 */
export type Access =
  "public" | "session" | "admitted" | "organizer" | "door" | "metrics" | "stripe";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface Answer {
  description: string;
  /** A JSON answer `{ "data": ... }`: the schema of `data`. */
  data?: z.ZodType;
  /** Any other body: its schema as it is (health reports, this document). */
  body?: z.ZodType;
  /** application/json unless said otherwise; none for an answer without a body. */
  contentType?: string | null;
  headers?: Record<string, { description: string; required?: boolean }>;
}

export interface Operation {
  method: Method;
  /** With OpenAPI's `{name}` for a dynamic segment, e.g. /api/holds/{reservationId}. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  /** Markdown; what the summary cannot say (rules, when which code). */
  description?: string;
  access: Access;
  /** The route's own parse schemas: of its path, its query and its JSON body. */
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The successful answers by status. */
  answers: Record<number, Answer>;
  /**
   * Error codes the operation answers besides those its shape implies: a session
   * (UNAUTHENTICATED), the organizer role (FORBIDDEN), a working token
   * (QUEUE_TOKEN_REQUIRED), path parameters (NOT_FOUND: a malformed id names nothing),
   * a query or body (VALIDATION_FAILED), a body (PAYLOAD_TOO_LARGE) and a state-changing
   * method from another site (CSRF_REJECTED).
   */
  errors: ErrorCode[];
  /** Only the Stripe webhook, whose signature proves the sender. */
  crossSiteAllowed?: true;
  /** Extra request headers the operation reads (not the security ones). */
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}
