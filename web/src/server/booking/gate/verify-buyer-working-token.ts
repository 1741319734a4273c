import "server-only";
import { createBoundedCache } from "@ticketping/common/cache";
import { AppError } from "@ticketping/common/errors";
import { verifyWorkingToken, type WorkingTokenClaims } from "@ticketping/common/queue";
import { env } from "@/env";
import { getRedis } from "../../redis";

// Every admitted buyer polls the seat map every 2 s with the same token: its signature is
// checked once per process, and every later poll repeats only the expiry and the one
// Redis read (verifyWorkingToken). Far more tokens than buyers admitted at once.
const verifiedTokens = createBoundedCache<string, WorkingTokenClaims>({ maxEntries: 20_000 });

/**
 * The web app's one check of a working token: verifyWorkingToken (signature, expiry, the
 * performance when given, the grant in Redis still this token's) with this process's
 * memory of verified tokens, and the token must be the signed-in buyer's. Throws
 * QUEUE_TOKEN_REQUIRED otherwise.
 */
export async function verifyBuyerWorkingToken({
  token,
  userId,
  performanceId,
}: {
  token: string;
  userId: string;
  performanceId?: string;
}): Promise<WorkingTokenClaims> {
  const claims = await verifyWorkingToken({
    token,
    secret: env.QUEUE_TOKEN_SECRET,
    redis: getRedis(),
    keyPrefix: env.QUEUE_KEY_PREFIX,
    performanceId,
    cache: verifiedTokens,
  });
  if (claims.userId !== userId) {
    throw new AppError("QUEUE_TOKEN_REQUIRED", "working token of another user");
  }
  return claims;
}
