import "server-only";
import { createChallenge, randomInt } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { powHmacSecrets } from "./hmac-secrets";
import { env } from "@/env";
import { POW_ALGORITHM, POW_COST } from "./pow-policy";
import { powChallengeSchema, type PowChallenge, type PowPurpose } from "./schemas";

export interface CreatedPowChallenge {
  challenge: PowChallenge;
  complexity: number;
  /** ISO 8601: solve and send it before then. */
  expiresAt: string;
}

/**
 * A signed ALTCHA challenge for one purpose (sign-up, or one performance's line). The
 * server draws the secret counter and derives its key once (ALTCHA's deterministic mode);
 * the solver must find that counter by trying 0, 1, 2, ... The purpose and complexity
 * ride in the signed `data`, so a solution cannot be spent elsewhere or for less work.
 */
export async function createPowChallenge({
  purpose,
  complexity,
}: {
  purpose: PowPurpose;
  complexity: number;
}): Promise<CreatedPowChallenge> {
  const expiresAtSeconds = Math.floor(Date.now() / 1000) + env.POW_CHALLENGE_TTL_SECONDS;
  const challenge = await createChallenge({
    algorithm: POW_ALGORITHM,
    cost: POW_COST,
    deriveKey,
    counter: randomInt(complexity, Math.ceil(complexity / 2)),
    expiresAt: expiresAtSeconds,
    data: { ...purpose, complexity },
    hmacSignatureSecret: powHmacSecrets.challenge,
    hmacKeySignatureSecret: powHmacSecrets.derivedKey,
  });
  return {
    // The shape the API documents (and the check reads back), asserted once here.
    challenge: powChallengeSchema.parse(challenge),
    complexity,
    expiresAt: new Date(expiresAtSeconds * 1000).toISOString(),
  };
}
