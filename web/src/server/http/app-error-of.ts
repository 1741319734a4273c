import "server-only";
import { AppError } from "@ticketping/common/errors";
import { isRedisUnavailableError, REDIS_MAX_RECONNECT_DELAY_MS } from "@ticketping/common/redis";
import { isDatabaseUnavailable } from "@ticketping/db";

/** Redis is retried at least this often, so a client retrying after it finds it back soon. */
export const REDIS_RETRY_AFTER_SECONDS = Math.ceil(REDIS_MAX_RECONNECT_DELAY_MS / 1_000);

/** PostgreSQL's pool reconnects on the next query; a restart takes a few seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * AppError.from, plus what the web knows about its dependencies: a Redis or a PostgreSQL
 * that cannot be reached (down, restarting, loading its data) is a 503
 * SERVICE_UNAVAILABLE that clients retry, not an INTERNAL error that says there is a bug.
 */
export function appErrorOf(error: unknown): AppError {
  if (error instanceof AppError && error.code !== "INTERNAL") return error;
  if (isRedisUnavailableError(error)) {
    return new AppError("SERVICE_UNAVAILABLE", "redis unavailable", {
      details: { retryAfterSeconds: REDIS_RETRY_AFTER_SECONDS },
      cause: error,
    });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("SERVICE_UNAVAILABLE", "database unavailable", {
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      cause: error,
    });
  }
  return AppError.from(error);
}
