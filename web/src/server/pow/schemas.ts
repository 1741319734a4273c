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

/** A challenge as `GET /api/pow/challenge` answers it; sent back unchanged in `pow`. */
export const powChallengeSchema = z
  .object({
    parameters: z.object({
      algorithm: z.string().max(32).describe('"PBKDF2/SHA-256"'),
      cost: z.int().min(1).max(10_000_000).describe("PBKDF2 iterations per counter tried."),
      data: z.object({
        purpose: z.string().max(16).describe('"signup" or "queue".'),
        performanceId: z.string().max(64).optional().describe("The line's performance."),
        complexity: z.int().min(0).max(0xffffffff).describe("The largest counter."),
      }),
      expiresAt: z.int().min(0).describe("Epoch seconds; spend the solution before then."),
      keyLength: z.int().min(1).max(64).describe("Bytes of the derived key."),
      keyPrefix: hex(128).describe(
        "The derived key of the secret counter starts with these bytes.",
      ),
      keySignature: hex(128).describe("HMAC of that key; the server checks solutions with it."),
      nonce: hex(64),
      salt: hex(64),
    }),
    signature: hex(128).describe("HMAC-SHA256 of the parameters' JSON with sorted keys."),
  })
  .describe(
    "ALTCHA v2, deterministic mode: find the counter (0, 1, 2, …) whose PBKDF2-HMAC-SHA256(nonce ‖ counter as 4 bytes big-endian, salt, cost, keyLength) starts with keyPrefix.",
  );
export type PowChallenge = z.infer<typeof powChallengeSchema>;

/**
 * The `pow` field of a sign-up or a queue-ticket request: the challenge exactly as
 * `GET /api/pow/challenge` answered it, and the solver's counter and derived key.
 * Its parameters are signed, so any change (an easier prefix, a later expiry, another
 * purpose) breaks the signature; fields beyond these are dropped and so break it too.
 */
export const powSolutionSchema = z
  .object({
    challenge: powChallengeSchema,
    solution: z.object({
      counter: z.int().min(0).max(0xffffffff),
      derivedKey: hex(128).describe("The whole derived key of that counter."),
    }),
  })
  .describe("A solved proof-of-work challenge (web/README.md, Proof of work).");
export type PowSolution = z.infer<typeof powSolutionSchema>;

/** GET /api/pow/challenge answers this: a challenge, or word that none is needed now. */
export const issuedPowChallengeSchema = z.discriminatedUnion("required", [
  z.strictObject({
    required: z.literal(true),
    challenge: powChallengeSchema,
    complexity: z.int().min(1),
    expiresAt: z.iso.datetime(),
  }),
  z.strictObject({
    required: z.literal(false),
    challenge: z.null(),
    complexity: z.literal(0),
    expiresAt: z.null(),
  }),
]);
export type IssuedPowChallenge = z.infer<typeof issuedPowChallengeSchema>;
