import "server-only";
import { verifyBuyerWorkingToken } from "../booking/gate/verify-buyer-working-token";

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
  const claims = await verifyBuyerWorkingToken({ token, userId });
  return { performanceId: claims.performanceId, expiresAtMs: claims.expiresAt * 1000 };
}
