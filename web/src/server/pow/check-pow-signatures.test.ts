import { createChallenge, solveChallenge, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { describe, expect, it } from "vitest";
import { checkPowSignatures, type PowSignatureCheck } from "./check-pow-signatures";
import { POW_ALGORITHM, POW_COST } from "./pow-policy";
import { powSolutionSchema, type PowSolution } from "./schemas";

const challengeSecret = "challenge-secret-for-unit-tests-000000000";
const derivedKeySecret = "derived-key-secret-for-unit-tests-0000000";

async function solved(): Promise<PowSolution> {
  const challenge = await createChallenge({
    algorithm: POW_ALGORITHM,
    cost: POW_COST,
    deriveKey,
    counter: 3,
    expiresAt: Math.floor(Date.now() / 1000) + 60,
    data: {
      purpose: "queue",
      performanceId: "0196a4f2-7d0b-7c3e-9a51-2f4b8c6d1e90",
      complexity: 4,
    },
    hmacSignatureSecret: challengeSecret,
    hmacKeySignatureSecret: derivedKeySecret,
  });
  const solution = await solveChallenge({ challenge, deriveKey });
  // What the route hands over: the request body, parsed.
  return powSolutionSchema.parse({ challenge, solution });
}

/** altcha-lib's own verdict on the same input, in the same words. */
async function altchaSays(pow: PowSolution, nowMs = Date.now()): Promise<PowSignatureCheck> {
  const realNow = Date.now;
  Date.now = () => nowMs;
  try {
    const result = await verifySolution({
      ...pow,
      deriveKey,
      hmacSignatureSecret: challengeSecret,
      hmacKeySignatureSecret: derivedKeySecret,
    });
    if (result.expired) return "expired";
    if (result.invalidSignature) return "invalid-signature";
    return result.verified ? "verified" : "invalid-solution";
  } finally {
    Date.now = realNow;
  }
}

const secrets = { challengeSecret, derivedKeySecret };

describe("checkPowSignatures", () => {
  it("answers as altcha-lib's verifySolution does, for good and bad solutions alike", async () => {
    const pow = await solved();
    const { parameters } = pow.challenge;
    const cases: [string, PowSolution, number, PowSignatureCheck][] = [
      ["a solution", pow, Date.now(), "verified"],
      ["after the expiry", pow, (parameters.expiresAt + 1) * 1000, "expired"],
      [
        "an easier difficulty",
        {
          ...pow,
          challenge: {
            ...pow.challenge,
            parameters: { ...parameters, data: { ...parameters.data, complexity: 1 } },
          },
        },
        Date.now(),
        "invalid-signature",
      ],
      [
        "a changed signature",
        { ...pow, challenge: { ...pow.challenge, signature: "0".repeat(64) } },
        Date.now(),
        "invalid-signature",
      ],
      [
        "another derived key",
        { ...pow, solution: { ...pow.solution, derivedKey: "ab".repeat(32) } },
        Date.now(),
        "invalid-solution",
      ],
    ];
    for (const [what, input, nowMs, expected] of cases) {
      expect({ what, ours: checkPowSignatures(input, { ...secrets, nowMs }) }).toEqual({
        what,
        ours: expected,
      });
      expect({ what, altcha: await altchaSays(input, nowMs) }).toEqual({ what, altcha: expected });
    }
  });

  it("refuses a challenge signed with another secret", async () => {
    const pow = await solved();
    expect(checkPowSignatures(pow, { ...secrets, challengeSecret: "x".repeat(40) })).toBe(
      "invalid-signature",
    );
    expect(checkPowSignatures(pow, { ...secrets, derivedKeySecret: "x".repeat(40) })).toBe(
      "invalid-solution",
    );
  });
});
