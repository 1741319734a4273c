/**
 * The messages ioredis rejects a command with when Redis cannot answer it: the
 * connection is down (fail-fast), it dropped with the command in flight, it was closed,
 * or the command got no answer in time.
 */
const UNAVAILABLE_MESSAGES = new Set([
  "Stream isn't writeable and enableOfflineQueue options is false",
  "Connection is closed.",
  "Command timed out",
  // The same on a Redis Cluster: no node answers, or the cluster is not (yet, again) ready.
  "Cluster isn't ready and enableOfflineQueue options is false",
  "Failed to refresh slots cache.",
]);
const UNAVAILABLE_ERROR_NAMES = new Set(["MaxRetriesPerRequestError"]);
const NETWORK_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/** How deep a wrapped error (error.cause) is searched. */
const MAX_CAUSE_DEPTH = 5;

/**
 * Whether an error, or one it wraps, means "Redis could not be reached" rather than a
 * bug: callers answer it with a retryable code instead of an internal error. A Redis
 * still loading its data after a restart (LOADING) counts as unreachable too.
 */
export function isRedisUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    if (UNAVAILABLE_MESSAGES.has(current.message)) return true;
    if (UNAVAILABLE_ERROR_NAMES.has(current.name)) return true;
    if (current.message.startsWith("LOADING ")) return true;
    const code = (current as NodeJS.ErrnoException).code;
    if (code !== undefined && NETWORK_ERROR_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}
