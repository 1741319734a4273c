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
      "The email is stored lower-cased and must be unique; the password needs 10 to 72 bytes. Ten sign-ups per client address in any five minutes. Sign-in itself is next-auth's credentials flow (`/api/auth/csrf`, then `POST /api/auth/callback/credentials`), outside this document.",
    access: "public",
    body: signUpSchema,
    answers: {
      201: { description: "The account.", data: z.strictObject({ user: signedUpUserSchema }) },
    },
    errors: ["EMAIL_TAKEN", "RATE_LIMITED", "SERVICE_UNAVAILABLE"],
  },
];
