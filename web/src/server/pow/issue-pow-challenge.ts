import "server-only";
import { createPowChallenge } from "./create-pow-challenge";
import { powComplexityFor } from "./pow-complexity-for";
import type { IssuedPowChallenge, PowPurpose } from "./schemas";

/** A challenge for the purpose at its current difficulty, or word that none is needed. */
export async function issuePowChallenge({
  purpose,
}: {
  purpose: PowPurpose;
}): Promise<IssuedPowChallenge> {
  const complexity = await powComplexityFor(purpose);
  if (complexity === 0) return { required: false, challenge: null, complexity: 0, expiresAt: null };
  return { required: true, ...(await createPowChallenge({ purpose, complexity })) };
}
