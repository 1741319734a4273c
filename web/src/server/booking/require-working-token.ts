import "server-only";
import { AppError } from "@ticketping/common/errors";
import { grantKey, verifyWorkingToken, type WorkingTokenClaims } from "@ticketping/common/queue";
import { env } from "@/env";
import { getRedis } from "../redis";
import { rememberSchedulePerformance } from "./schedule-performances";
import { queueTokenRequiredDetails, readWorkingToken } from "./working-token-transport";

/**
 * The booking gate's full check: signature, expiry, performance, the signed-in buyer, and
 * one Redis read proving the slot was not released or revoked. The proxy only did the
 * cheap signature check. Throws QUEUE_TOKEN_REQUIRED with the waiting room to go to.
 */
export async function requireWorkingToken({
  headers,
  userId,
  performanceId,
  scheduleId,
}: {
  headers: Headers;
  userId: string;
  performanceId: string;
  /** The show being booked, for the way back from the waiting room. */
  scheduleId?: string;
}): Promise<WorkingTokenClaims> {
  // So the proxy can refuse this show's token-less calls itself, with these details.
  if (scheduleId) rememberSchedulePerformance(scheduleId, performanceId);
  const details = queueTokenRequiredDetails(performanceId, scheduleId);
  const token = readWorkingToken(headers);
  if (!token) throw new AppError("QUEUE_TOKEN_REQUIRED", "no working token", { details });
  try {
    const claims =
      (await checkRemembered(token, performanceId)) ?? (await verify(token, performanceId));
    if (claims.userId !== userId) {
      throw new AppError("QUEUE_TOKEN_REQUIRED", "working token of another user");
    }
    return claims;
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.code !== "QUEUE_TOKEN_REQUIRED") throw error;
    throw new AppError("QUEUE_TOKEN_REQUIRED", appError.message, { details, cause: error });
  }
}

async function verify(token: string, performanceId: string): Promise<WorkingTokenClaims> {
  const claims = await verifyWorkingToken({
    token,
    secret: env.QUEUE_TOKEN_SECRET,
    redis: getRedis(),
    keyPrefix: env.QUEUE_KEY_PREFIX,
    performanceId,
  });
  remember(token, claims);
  return claims;
}

// Every admitted buyer polls the seat map every 2 s with the same token. Its signature
// and claims were verified once (verifyWorkingToken) and cannot change, so later requests
// repeat only what can: the expiry, and the same one Redis read verifyWorkingToken makes
// to prove the slot is still this token's (not released, revoked or handed on).
const MAX_REMEMBERED = 20_000;
const verified = new Map<string, WorkingTokenClaims>();

function remember(token: string, claims: WorkingTokenClaims): void {
  verified.set(token, claims);
  if (verified.size > MAX_REMEMBERED) {
    const oldest = verified.keys().next();
    if (!oldest.done) verified.delete(oldest.value);
  }
}

async function checkRemembered(
  token: string,
  performanceId: string,
): Promise<WorkingTokenClaims | null> {
  const claims = verified.get(token);
  if (!claims || claims.performanceId !== performanceId) return null;
  if (claims.expiresAt * 1000 <= Date.now()) {
    verified.delete(token);
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token has expired");
  }
  const liveTokenId = await getRedis().hget(
    grantKey(env.QUEUE_KEY_PREFIX, claims.performanceId, claims.userId),
    "jti",
  );
  if (liveTokenId !== claims.tokenId) {
    verified.delete(token);
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token was released or has expired");
  }
  return claims;
}
