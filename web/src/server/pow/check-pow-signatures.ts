import { createHmac, timingSafeEqual } from "node:crypto";
import type { PowSolution } from "./schemas";

export type PowSignatureCheck = "verified" | "expired" | "invalid-signature" | "invalid-solution";

/** JSON with every object's keys sorted, as ALTCHA signs a challenge's parameters. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return JSON.stringify(value);
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * ALTCHA v2's check of a deterministic-mode solution (altcha-lib's verifySolution, path
 * "key signature"), with Node's native HMAC: the challenge unexpired, its parameters
 * signed with `challengeSecret`, and the solver's derived key signed with
 * `derivedKeySecret`. The same answers as altcha-lib's (check-pow-signatures.test.ts
 * compares them), at a small fraction of its cost, which imports a WebCrypto key and
 * awaits the thread pool for each of its two HMACs (BENCHMARKS.md).
 */
export function checkPowSignatures(
  { challenge, solution }: PowSolution,
  {
    challengeSecret,
    derivedKeySecret,
    nowMs = Date.now(),
  }: { challengeSecret: string; derivedKeySecret: string; nowMs?: number },
): PowSignatureCheck {
  const { parameters } = challenge;
  if (parameters.expiresAt * 1000 < nowMs) return "expired";
  const signature = createHmac("sha256", challengeSecret)
    .update(canonicalJson(parameters))
    .digest("hex");
  if (!sameHex(signature, challenge.signature)) return "invalid-signature";
  if (solution.derivedKey.length % 2 !== 0) return "invalid-solution";
  const keySignature = createHmac("sha256", derivedKeySecret)
    .update(Buffer.from(solution.derivedKey, "hex"))
    .digest("hex");
  return sameHex(keySignature, parameters.keySignature) ? "verified" : "invalid-solution";
}
