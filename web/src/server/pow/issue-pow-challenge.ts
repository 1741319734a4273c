import "server-only";
import { createPowChallenge, type PowChallenge } from "./create-pow-challenge";
import { powComplexityFor } from "./pow-complexity-for";
import type { PowPurpose } from "./schemas";

export type IssuedPowChallenge =
  | ({ required: true } & PowChallenge)
  | { required: false; challenge: null; complexity: 0; expiresAt: null };

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
