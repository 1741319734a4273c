import type { PrismaClient } from "@ticketping/db";
import type { Locale } from "@ticketping/common/i18n";
import { localeOf } from "./load-reservation";

export interface VerificationForMail {
  email: string;
  name: string;
  /** The language the site spoke at sign-up (or chosen since): the mail's. */
  locale: Locale;
  expiresAt: Date;
}

/**
 * A verification whose link is still worth mailing: unused, unexpired, for the address the
 * user has now, which nobody has verified yet. Null otherwise (unknown included).
 */
export async function loadVerificationForMail(
  prisma: PrismaClient,
  verificationId: string,
  now = new Date(),
): Promise<VerificationForMail | null> {
  const verification = await prisma.emailVerification.findUnique({
    where: { id: verificationId },
    select: {
      email: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, name: true, emailVerifiedAt: true, locale: true } },
    },
  });
  if (
    !verification ||
    verification.usedAt ||
    verification.expiresAt <= now ||
    verification.user.emailVerifiedAt ||
    verification.user.email !== verification.email
  ) {
    return null;
  }
  return {
    email: verification.email,
    name: verification.user.name,
    locale: localeOf(verification.user.locale),
    expiresAt: verification.expiresAt,
  };
}
