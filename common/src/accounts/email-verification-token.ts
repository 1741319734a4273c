import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a verification link works. */
export const EMAIL_VERIFICATION_TTL_HOURS = 24;

// Bound to its purpose, so a MAC made with this secret for anything else never passes.
const CONTEXT = "ticketping:email-verification:v1:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECONDS = /^[1-9][0-9]{0,11}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

function macOf(secret: string, body: string): string {
  return createHmac("sha256", secret)
    .update(CONTEXT + body)
    .digest("base64url");
}

/**
 * The token of a verification link: `<verification id>.<expiry, epoch seconds>.<HMAC>`.
 * It names one email_verifications row and nothing secret; the MAC is what makes it
 * unforgeable, the row what makes it single-use. About 90 characters, so the link survives
 * mail clients that wrap long lines.
 */
export function signEmailVerificationToken({
  secret,
  verificationId,
  expiresAt,
}: {
  secret: string;
  verificationId: string;
  expiresAt: Date;
}): string {
  const body = `${verificationId.toLowerCase()}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${macOf(secret, body)}`;
}

export type EmailVerificationTokenCheck =
  | { valid: true; verificationId: string; expiresAt: Date }
  | { valid: false; reason: "invalid" | "expired" };

/**
 * What a token says, if this secret signed it. The MAC is checked before the expiry: a
 * forged token is "invalid" whatever date it claims.
 */
export function readEmailVerificationToken({
  secret,
  token,
  now = new Date(),
}: {
  secret: string;
  token: string;
  now?: Date;
}): EmailVerificationTokenCheck {
  const [verificationId, seconds, mac, ...rest] = token.split(".");
  if (
    rest.length > 0 ||
    !verificationId ||
    !seconds ||
    !mac ||
    !UUID.test(verificationId) ||
    !SECONDS.test(seconds) ||
    !MAC.test(mac)
  ) {
    return { valid: false, reason: "invalid" };
  }
  const expected = Buffer.from(macOf(secret, `${verificationId}.${seconds}`));
  if (!timingSafeEqual(expected, Buffer.from(mac))) return { valid: false, reason: "invalid" };
  const expiresAt = new Date(Number(seconds) * 1000);
  if (expiresAt <= now) return { valid: false, reason: "expired" };
  return { valid: true, verificationId, expiresAt };
}
