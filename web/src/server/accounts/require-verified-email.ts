import "server-only";
import { AppError } from "@ticketping/common/errors";
import { currentSessionUserState } from "../auth/session-state";

/**
 * EMAIL_NOT_VERIFIED unless the user has confirmed their address. The remembered state is
 * believed when it says "verified" (that never goes back); "not verified" is read afresh
 * before refusing, so a buyer who has just opened their link in another process's reach
 * is not turned away for SESSION_CHECK_TTL_SECONDS.
 */
export async function requireVerifiedEmail({ userId }: { userId: string }): Promise<void> {
  const remembered = await currentSessionUserState(userId);
  if (remembered?.emailVerified) return;
  const current = await currentSessionUserState(userId, { fresh: true });
  if (current?.emailVerified) return;
  throw new AppError("EMAIL_NOT_VERIFIED", `user ${userId} has not confirmed their address`);
}
