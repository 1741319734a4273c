import "server-only";
import type { AppError } from "@ticketping/common/errors";
import { logger } from "../logger";
import { appErrorOf } from "./app-error-of";

/** A 503 says nothing about when to come back unless its thrower knew better. */
const DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * Every error response has the same shape: { error: { code, message, details? } }. A 429
 * or 503 carries Retry-After (seconds), from `details.retryAfterSeconds` where known.
 */
export function errorResponse(error: unknown, headers?: Record<string, string>): Response {
  const appError = appErrorOf(error);
  if (appError.code === "INTERNAL") {
    // The client gets a generic message; the log gets everything.
    logger.error({ err: error }, "unhandled error in route handler");
  }
  const retryAfter = retryAfterSeconds(appError);
  return Response.json(appError.toResponseBody(), {
    status: appError.httpStatus,
    headers: {
      "cache-control": "no-store",
      ...(retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }),
      ...headers,
    },
  });
}

function retryAfterSeconds(appError: AppError): number | undefined {
  const known = appError.details?.retryAfterSeconds;
  if (typeof known === "number" && Number.isFinite(known) && known >= 0) return Math.ceil(known);
  return appError.code === "SERVICE_UNAVAILABLE"
    ? DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS
    : undefined;
}

export function jsonResponse(
  data: unknown,
  { status = 200, headers }: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return Response.json({ data }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** A CSV download: streamed as it is made, saved by browsers under `fileName`. */
export function csvResponse(fileName: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // fileName is ours (a slug and digits), never the client's: nothing to escape.
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
