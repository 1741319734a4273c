import "server-only";
import { AppError } from "@ticketping/common/errors";
import { forgetSessionUserState } from "../auth/session-state";
import { db } from "../db";
import type { RevokedSessions } from "./sessions-schema";

/**
 * Ends every session of the user, this one included ("sign out everywhere"): each
 * session carries the version it was opened under, and the gate refuses any but the
 * current one. This process knows at once; every other within SESSION_CHECK_TTL_SECONDS.
 */
export async function revokeSessions({ userId }: { userId: string }): Promise<RevokedSessions> {
  const { count } = await db().user.updateMany({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
  });
  forgetSessionUserState(userId);
  if (count === 0) throw new AppError("UNAUTHENTICATED", "the session's user no longer exists");
  return { revoked: true };
}
