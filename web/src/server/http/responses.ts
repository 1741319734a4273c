import "server-only";
import { AppError } from "@ticketping/common/errors";
import { logger } from "../logger";

/** Every error response has the same shape: { error: { code, message, details? } }. */
export function errorResponse(error: unknown, headers?: Record<string, string>): Response {
  const appError = AppError.from(error);
  if (appError.code === "INTERNAL") {
    // The client gets a generic message; the log gets everything.
    logger.error({ err: error }, "unhandled error in route handler");
  }
  return Response.json(appError.toResponseBody(), {
    status: appError.httpStatus,
    headers: { "cache-control": "no-store", ...headers },
  });
}

export function jsonResponse(
  data: unknown,
  { status = 200, headers }: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return Response.json({ data }, { status, headers: { "cache-control": "no-store", ...headers } });
}
