import "server-only";
import { AppError } from "@ticketping/common/errors";
import { enforceRateLimit } from "@ticketping/common/rate-limit";
import { verificationMailRateLimits } from "../auth/rate-limits";
import { db } from "../db";
import { getRedis } from "../redis";
import { requestEmailVerification } from "./request-email-verification";
import type { VerificationMail } from "./verification-schema";

/**
 * A fresh verification link for a signed-in user who lost theirs or let it lapse. Earlier
 * links stop working (requestEmailVerification): only the newest verifies. Rate-limited per user:
 * each call is a mail to someone's inbox, and must not become a way to flood one.
 */
export async function sendVerificationMail({
  userId,
}: {
  userId: string;
}): Promise<VerificationMail> {
  await enforceRateLimit(getRedis(), verificationMailRateLimits.perUser, userId, {
    userMessage: "We sent you several links just now. Please check your inbox, or try later.",
  });
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, emailVerifiedAt: true },
    });
    if (!user) throw new AppError("UNAUTHENTICATED", "the session's user no longer exists");
    if (user.emailVerifiedAt) {
      throw new AppError("EMAIL_ALREADY_VERIFIED", "address already verified");
    }
    const { expiresAt } = await requestEmailVerification(tx, { userId, email: user.email });
    return { sentTo: user.email, expiresAt: expiresAt.toISOString() };
  });
}
