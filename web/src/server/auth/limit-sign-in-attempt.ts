import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { RedisClient } from "@ticketping/common/redis";
import { consumeRateLimit } from "@ticketping/common/rate-limit";
import { SIGN_IN_SLOWDOWN_MS, signInRateLimits } from "./rate-limits";

/**
 * Counts one sign-in attempt. Throws RATE_LIMITED (next-auth shows it as the sign-in
 * error) when this address, or this address for this email, is over its budget; when
 * only the email is, the attempt waits and then goes ahead, so a flood from elsewhere
 * costs the owner two seconds, not their account.
 */
export async function limitSignInAttempt({
  redis,
  email,
  address,
}: {
  redis: RedisClient;
  email: string;
  address: string;
}): Promise<void> {
  const [byAddress, byEmailAndAddress] = await Promise.all([
    consumeRateLimit(redis, signInRateLimits.perAddress, address),
    consumeRateLimit(redis, signInRateLimits.perEmailAndAddress, `${email}|${address}`),
  ]);
  if (!byAddress.allowed || !byEmailAndAddress.allowed) throw new Error("RATE_LIMITED");
  const byEmail = await consumeRateLimit(redis, signInRateLimits.perEmail, email);
  if (!byEmail.allowed) await sleep(SIGN_IN_SLOWDOWN_MS);
}
