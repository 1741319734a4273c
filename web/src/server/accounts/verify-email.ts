import "server-only";
import { readEmailVerificationToken } from "@ticketping/common/accounts";
import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { forgetSessionUserState } from "../auth/session-state";
import { db } from "../db";
import type { VerifiedEmail, VerifyEmailInput } from "./verification-schema";

/**
 * Confirms the address a verification link was sent to. The token's MAC and expiry are
 * checked by CPU alone; then one transaction spends the link (the row's used_at goes from
 * null to now once, so of two clicks racing exactly one verifies) and marks the user. The
 * link verifies the user it was sent to, whoever opens it: it proves that mailbox, not
 * the browser's session. A user whose address changed since gets nothing from it.
 */
export async function verifyEmail({ token }: VerifyEmailInput): Promise<VerifiedEmail> {
  const check = readEmailVerificationToken({ secret: env.EMAIL_TOKEN_SECRET, token });
  if (!check.valid) {
    throw check.reason === "expired"
      ? new AppError("VERIFICATION_LINK_EXPIRED", "verification link expired")
      : new AppError("VERIFICATION_LINK_INVALID", "verification link forged or malformed");
  }
  const now = new Date();
  const verified = await db().$transaction(async (tx) => {
    const spent = await tx.emailVerification.updateMany({
      where: { id: check.verificationId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const verification = await tx.emailVerification.findUnique({
      where: { id: check.verificationId },
      select: { userId: true, email: true, usedAt: true },
    });
    if (!verification) {
      throw new AppError("VERIFICATION_LINK_INVALID", "no such verification (user deleted?)");
    }
    if (spent.count === 0) {
      throw verification.usedAt
        ? new AppError("VERIFICATION_LINK_USED", "verification link already used")
        : new AppError("VERIFICATION_LINK_EXPIRED", "verification row expired or superseded");
    }
    // Kept as it was when already verified (another link, a provider): the first proof counts.
    const users = await tx.$queryRaw<{ email: string; verifiedAt: Date }[]>`
      UPDATE users SET email_verified_at = coalesce(email_verified_at, ${now})
       WHERE id = ${verification.userId}::uuid AND email = ${verification.email}
      RETURNING email, email_verified_at AS "verifiedAt"`;
    const [user] = users;
    if (!user) {
      throw new AppError("VERIFICATION_LINK_INVALID", "the user's address changed since");
    }
    return { userId: verification.userId, email: user.email, verifiedAt: user.verifiedAt };
  });
  // This process knows at once; the others within SESSION_CHECK_TTL_SECONDS, and the
  // queue's door reads afresh before refusing (see require-verified-email.ts).
  forgetSessionUserState(verified.userId);
  return { verified: { email: verified.email, verifiedAt: verified.verifiedAt.toISOString() } };
}
