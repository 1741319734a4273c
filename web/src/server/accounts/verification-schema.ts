import { z } from "zod";

/** The token of a verification link, as /verify-email?token=… carries it. */
export const verifyEmailSchema = z.object({
  token: z.string().min(1, "The link has no token.").max(200, "The link is not valid."),
});
export type VerifyEmailInput = z.infer<typeof verifyEmailSchema>;

/** POST /api/auth/verify-email's answer. */
export const verifiedEmailSchema = z.strictObject({
  verified: z.strictObject({
    email: z.string(),
    verifiedAt: z.iso.datetime({ offset: true }),
  }),
});
export type VerifiedEmail = z.infer<typeof verifiedEmailSchema>;

/** POST /api/auth/verification-mail's answer: where the new link goes, and until when it works. */
export const verificationMailSchema = z.strictObject({
  sentTo: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type VerificationMail = z.infer<typeof verificationMailSchema>;
