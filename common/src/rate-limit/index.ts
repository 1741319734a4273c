import type { RedisClient } from "../redis";
import { z } from "zod";
import { defineLuaScripts, runLuaScript, type LuaScript } from "../redis/lua-scripts";
import { luaSources } from "./lua.generated";
import { AppError } from "../errors";

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

const slidingWindow: LuaScript = {
  command: "ticketpingRateLimit",
  numberOfKeys: 2,
  lua: luaSources["sliding-window"],
};

/** [allowed (1|0), remaining, retryAfterMs], as sliding-window.lua documents. */
const slidingWindowReply = z.tuple([z.literal([0, 1]), z.number().int(), z.number().int()]);

/**
 * Registers the rate-limit script on a connection (once). consumeRateLimit does it on
 * first use; an auto-pipelining connection needs it up front (see createRedis).
 */
export function defineRateLimitCommand(redis: RedisClient): void {
  defineLuaScripts(redis, [slidingWindow]);
}

/**
 * Counts one request of `subject` (an IP, a user id, an email) against `rule`, atomically
 * in Redis so that every process of every service shares the same budget.
 */
export async function consumeRateLimit(
  redis: RedisClient,
  rule: RateLimitRule,
  subject: string,
  now: number = Date.now(),
): Promise<RateLimitResult> {
  const window = Math.floor(now / rule.windowMs);
  const base = `rl:{${rule.name}:${subject}}`;
  const [allowed, remaining, retryAfterMs] = slidingWindowReply.parse(
    await runLuaScript(
      redis,
      slidingWindow,
      [`${base}:${window}`, `${base}:${window - 1}`],
      [rule.limit, rule.windowMs, now - window * rule.windowMs],
    ),
  );
  return { allowed: allowed === 1, remaining, retryAfterMs };
}

/**
 * Counts one request of `subject` against `rule` and refuses it when over: 429
 * RATE_LIMITED with `retryAfterSeconds`, the user-facing message saying what to wait for.
 */
export async function enforceRateLimit(
  redis: RedisClient,
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
