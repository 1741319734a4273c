import "server-only";
import { AppError } from "@ticketping/common/errors";
import { getRedis } from "../redis";
import { checkPowSignatures } from "./check-pow-signatures";
import { powHmacSecrets } from "./hmac-secrets";
import { usedChallengeKey } from "./keys";
import type { PowPurpose, PowSolution } from "./schemas";

/** Why a solution is POW_INVALID, in `details.reason`. */
export type PowInvalidReason = "signature" | "solution" | "purpose" | "complexity";

// A challenge about to lapse is still remembered a moment, so a replay racing the expiry
// finds it used.
const MIN_REMEMBER_MS = 1_000;

function invalid(reason: PowInvalidReason): AppError {
  return new AppError("POW_INVALID", `proof of work refused: ${reason}`, { details: { reason } });
}

/**
 * Spends a proof of work: throws unless `pow` solves a challenge of ours, unexpired, for
 * this purpose, at least as hard as `complexity`, and never spent before. Cheap on
 * purpose: two HMACs (the challenge's signature, the derived key's signature) and one
 * Redis SET NX; the key derivation the client paid for is never repeated here.
 */
export async function verifyPowSolution({
  pow,
  purpose,
  complexity,
}: {
  pow: PowSolution | undefined;
  purpose: PowPurpose;
  complexity: number;
}): Promise<void> {
  if (complexity === 0) return;
  if (pow === undefined) {
    throw new AppError("POW_REQUIRED", `no proof of work for ${purpose.purpose}`);
  }
  const { parameters } = pow.challenge;
  const check = checkPowSignatures(pow, {
    challengeSecret: powHmacSecrets.challenge,
    derivedKeySecret: powHmacSecrets.derivedKey,
  });
  if (check === "expired") throw new AppError("POW_EXPIRED", "proof of work challenge expired");
  if (check === "invalid-signature") throw invalid("signature");
  if (check === "invalid-solution") throw invalid("solution");

  const { data } = parameters;
  const samePurpose =
    data.purpose === purpose.purpose &&
    (purpose.purpose !== "queue" || data.performanceId === purpose.performanceId);
  if (!samePurpose) throw invalid("purpose");
  // The organizer may have raised the difficulty since the challenge was issued.
  if (data.complexity < complexity) throw invalid("complexity");

  const rememberMs = Math.max(MIN_REMEMBER_MS, parameters.expiresAt * 1000 - Date.now());
  const firstUse = await getRedis().set(
    usedChallengeKey(parameters.nonce),
    "1",
    "PX",
    rememberMs,
    "NX",
  );
  if (firstUse === null) {
    throw new AppError("POW_REPLAYED", `proof of work ${parameters.nonce} already spent`);
  }
}
