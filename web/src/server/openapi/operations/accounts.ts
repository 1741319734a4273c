import { z } from "zod";
import { signedUpUserSchema, signUpSchema } from "../../accounts/sign-up-schema";
import type { Operation } from "../operation";

export const accountOperations: Operation[] = [
  {
    method: "post",
    path: "/api/auth/signup",
    operationId: "signUp",
    tag: "Accounts",
    summary: "Creates a buyer account; the client then signs in through next-auth",
    description:
      "The email is stored lower-cased and must be unique; the password needs 10 to 72 bytes. `pow` is a solved `GET /api/pow/challenge?purpose=signup` (needed while the server's POW_SIGNUP_COMPLEXITY is above 0), checked and spent before the rate limit. Ten sign-ups per client address in any five minutes. Sign-in itself is next-auth's credentials flow (`/api/auth/csrf`, then `POST /api/auth/callback/credentials`), outside this document.",
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
];
