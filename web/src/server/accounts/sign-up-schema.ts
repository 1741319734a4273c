import { z } from "zod";
import { text } from "../http/text";
import { powSolutionSchema } from "../pow/schemas";
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from "./password-policy";

export const signUpSchema = z.object({
  email: z
    .email("Enter a valid email address.")
    .max(320, "That email address is too long.")
    // What mail servers deliver to (RFC 5321): at most 64 characters before the @.
    .refine((email) => email.indexOf("@") <= 64, "That email address is too long.")
    .transform((email) => email.trim().toLowerCase()),
  name: text().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .refine((password) => new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES, {
      message: `Use at most ${PASSWORD_MAX_BYTES} bytes.`,
    }),
  /** A solved `GET /api/pow/challenge?purpose=signup`; needed while POW_SIGNUP_COMPLEXITY > 0. */
  pow: powSolutionSchema.optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

/** The account POST /api/auth/signup made; the client then signs in. */
export const signedUpUserSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
});
export type SignedUpUser = z.infer<typeof signedUpUserSchema>;
