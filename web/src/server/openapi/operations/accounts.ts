import { z } from "zod";
import { signedUpUserSchema, signUpSchema } from "../../accounts/sign-up-schema";
import {
  verificationMailSchema,
  verifiedEmailSchema,
  verifyEmailSchema,
} from "../../accounts/verification-schema";
import type { Operation } from "../operation";

export const accountOperations: Operation[] = [
  {
    method: "post",
    path: "/api/auth/signup",
    operationId: "signUp",
    tag: "Accounts",
    summary: "Creates a buyer account; the client then signs in through next-auth",
    description:
      "The email is stored lower-cased and must be unique; the password needs 10 to 72 bytes. `pow` is a solved `GET /api/pow/challenge?purpose=signup` (needed while the server's POW_SIGNUP_COMPLEXITY is above 0), checked and spent before the rate limit. Ten sign-ups per client address in any five minutes. The account starts unconfirmed: a verification mail with a link to `/verify-email?token=…` goes to the address (sent by the worker; the link works once, for 24 hours). Sign-in itself is next-auth's credentials flow (`/api/auth/csrf`, then `POST /api/auth/callback/credentials`), outside this document.",
    access: "public",
    body: signUpSchema,
    answers: {
      201: { description: "The account.", data: z.strictObject({ user: signedUpUserSchema }) },
    },
    errors: [
      "POW_REQUIRED",
      "POW_INVALID",
      "POW_EXPIRED",
      "POW_REPLAYED",
      "EMAIL_TAKEN",
      "RATE_LIMITED",
      "SERVICE_UNAVAILABLE",
    ],
  },
  {
    method: "post",
    path: "/api/auth/verify-email",
    operationId: "verifyEmail",
    tag: "Accounts",
    summary: "Spends a verification link's token and confirms the address it was mailed to",
    description:
      "`token` is the `token` query parameter of the mailed link (`/verify-email?token=…`). No session needed: the token names the account, whoever opens it (a token never confirms the caller's own account unless it was mailed to them). Each token works once and for 24 hours; of two requests racing with one token, one answers 200 and the other VERIFICATION_LINK_USED. An account already confirmed another way still answers 200 with its first `verifiedAt`. A signed-in browser's session shows `emailVerified: true` from its next read.",
    access: "public",
    body: verifyEmailSchema,
    answers: { 200: { description: "Confirmed.", data: verifiedEmailSchema } },
    errors: [
      "VERIFICATION_LINK_INVALID",
      "VERIFICATION_LINK_EXPIRED",
      "VERIFICATION_LINK_USED",
      "SERVICE_UNAVAILABLE",
    ],
  },
  {
    method: "post",
    path: "/api/auth/verification-mail",
    operationId: "sendVerificationMail",
    tag: "Accounts",
    summary: "Mails the signed-in user a new verification link",
    description:
      "For a link that was lost or expired. The mail is sent by the worker shortly after the answer; earlier links keep working until they expire. Three per user in any 15 minutes.",
    access: "session",
    answers: { 202: { description: "A new link is on its way.", data: verificationMailSchema } },
    errors: ["EMAIL_ALREADY_VERIFIED", "RATE_LIMITED", "SERVICE_UNAVAILABLE"],
  },
];
