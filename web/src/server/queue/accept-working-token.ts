import "server-only";
import { AppError } from "@ticketping/common/errors";
import { verifyWorkingToken } from "@ticketping/common/queue";
import { env } from "@/env";
import { getRedis } from "../redis";

export interface AcceptedWorkingToken {
  performanceId: string;
  /** Epoch milliseconds, from the token's exp. */
  expiresAtMs: number;
}

/**
 * Checks that a working token the waiting room hands over is a live grant of this buyer
 * (signature, expiry, and the grant in Redis, as the booking gate will), before it is
 * stored in a cookie: a stolen or stale token is refused here, not on the next page.
 */
export async function acceptWorkingToken({
  userId,
  token,
}: {
  userId: string;
  token: string;
}): Promise<AcceptedWorkingToken> {
  const claims = await verifyWorkingToken({
    token,
    secret: env.QUEUE_TOKEN_SECRET,
    redis: getRedis(),
    keyPrefix: env.QUEUE_KEY_PREFIX,
  });
  if (claims.userId !== userId) {
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token of another user");
  }
  return { performanceId: claims.performanceId, expiresAtMs: claims.expiresAt * 1000 };
}
