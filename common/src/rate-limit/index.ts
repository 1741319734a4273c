import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import { AppError } from "../errors";

// Read on first use, not at import: Next.js bundles a module imported by a page (e.g. the
// auth options in the root layout) with `new URL(..., import.meta.url)` pointing at a
// browser asset, so reading it there at import time fails the build. Route handlers,
// where limits are checked, get the server file.
let script: string | undefined;
const loadScript = () =>
  (script ??= readFileSync(new URL("./sliding-window.lua", import.meta.url), "utf8"));

export interface RateLimitRule {
  /** Names the limit in keys and metrics, e.g. "signin:ip". */
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}

type RedisWithRateLimit = Redis & {
  ticketpingRateLimit: (
    currentKey: string,
    previousKey: string,
    limit: number,
    windowMs: number,
    elapsedMs: number,
  ) => Promise<[number, number, number]>;
};

/**
 * Registers the rate-limit script on a connection (once). consumeRateLimit does it on
 * first use; an auto-pipelining connection needs it up front (see createRedis).
 */
export function defineRateLimitCommand(redis: Redis): void {
  if (!("ticketpingRateLimit" in redis)) {
    redis.defineCommand("ticketpingRateLimit", { numberOfKeys: 2, lua: loadScript() });
  }
}

function withCommand(redis: Redis): RedisWithRateLimit {
  defineRateLimitCommand(redis);
  return redis as RedisWithRateLimit;
}

/**
 * Counts one request of `subject` (an IP, a user id, an email) against `rule`, atomically
 * in Redis so that every process of every service shares the same budget.
 */
export async function consumeRateLimit(
  redis: Redis,
  rule: RateLimitRule,
  subject: string,
  now: number = Date.now(),
): Promise<RateLimitResult> {
  const window = Math.floor(now / rule.windowMs);
  const base = `rl:{${rule.name}:${subject}}`;
  const [allowed, remaining, retryAfterMs] = await withCommand(redis).ticketpingRateLimit(
    `${base}:${window}`,
    `${base}:${window - 1}`,
    rule.limit,
    rule.windowMs,
    now - window * rule.windowMs,
  );
  return { allowed: allowed === 1, remaining, retryAfterMs };
}

/**
 * Counts one request of `subject` against `rule` and refuses it when over: 429
 * RATE_LIMITED with `retryAfterSeconds`, the user-facing message saying what to wait for.
 */
export async function enforceRateLimit(
  redis: Redis,
  rule: RateLimitRule,
  subject: string,
  { userMessage }: { userMessage: string },
): Promise<void> {
  const limit = await consumeRateLimit(redis, rule, subject);
  if (limit.allowed) return;
  throw new AppError("RATE_LIMITED", `${rule.name} rate limit for ${subject}`, {
    userMessage,
    details: { retryAfterSeconds: Math.max(1, Math.ceil(limit.retryAfterMs / 1000)) },
  });
}
