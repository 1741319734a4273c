import { z } from "zod";

const hex = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .regex(/^[0-9a-f]*$/, "must be lower-case hex");

/** What a challenge is for: a solution is accepted for that purpose only. */
export const powPurposeSchema = z.discriminatedUnion("purpose", [
  z.object({ purpose: z.literal("signup") }),
  z.object({ purpose: z.literal("queue"), performanceId: z.uuid() }),
]);
export type PowPurpose = z.infer<typeof powPurposeSchema>;

/** GET /api/pow/challenge?purpose=signup | ?purpose=queue&performanceId=<uuid> */
export const powChallengeQuerySchema = powPurposeSchema;

/**
 * The `pow` field of a sign-up or a queue-ticket request: the challenge exactly as
 * `GET /api/pow/challenge` answered it, and the solver's counter and derived key.
 * Its parameters are signed, so any change (an easier prefix, a later expiry, another
 * purpose) breaks the signature; fields beyond these are dropped and so break it too.
 */
export const powSolutionSchema = z.object({
  challenge: z.object({
    parameters: z.object({
      algorithm: z.string().max(32),
      cost: z.int().min(1).max(10_000_000),
      data: z.object({
        purpose: z.string().max(16),
        performanceId: z.string().max(64).optional(),
        complexity: z.int().min(0).max(0xffffffff),
      }),
      expiresAt: z.int().min(0),
      keyLength: z.int().min(1).max(64),
      keyPrefix: hex(128),
      keySignature: hex(128),
      nonce: hex(64),
      salt: hex(64),
    }),
    signature: hex(128),
  }),
  solution: z.object({
    counter: z.int().min(0).max(0xffffffff),
    derivedKey: hex(128),
  }),
});
export type PowSolution = z.infer<typeof powSolutionSchema>;
