import "server-only";

/**
 * The caller's address for rate limits. Behind our own proxy the left-most
 * X-Forwarded-For entry is the client; without one, Next gives no socket address to
 * route handlers, so all direct callers share one bucket (safe, if strict).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded && forwarded.length <= 64 ? forwarded : (headers.get("x-real-ip") ?? "unknown");
}
