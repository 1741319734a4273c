import type { Challenge } from "altcha-lib";
import { apiRequest } from "../api-client";
import { solvePow } from "./solve-pow";

/** The `pow` field of a sign-up or a queue-ticket request. */
export interface PowPayload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
}

interface ChallengeAnswer {
  required: boolean;
  challenge: Challenge | null;
  complexity: number;
  expiresAt: string | null;
}

export interface PowProgress {
  tried: number;
  /** The largest counter: the search ends by then, halfway at the earliest. */
  complexity: number;
}

export type PowPurposeQuery = { purpose: "signup" } | { purpose: "queue"; performanceId: string };

/** The error codes a fresh challenge, solved again, may get past. */
export const POW_ERROR_CODES: ReadonlySet<string> = new Set([
  "POW_REQUIRED",
  "POW_INVALID",
  "POW_EXPIRED",
  "POW_REPLAYED",
]);

/**
 * Fetches a challenge for the purpose and solves it: the `pow` to send along, with its
 * expiry, or undefined when none is needed now. Throws ApiError when the challenge cannot
 * be had, Error when solving fails.
 */
export async function fetchPowSolution(
  query: PowPurposeQuery,
  { onProgress }: { onProgress?: (progress: PowProgress) => void } = {},
): Promise<{ pow: PowPayload; expiresAtMs: number } | undefined> {
  const answer = await apiRequest<ChallengeAnswer>(
    `/api/pow/challenge?${new URLSearchParams(query).toString()}`,
  );
  if (!answer.required || !answer.challenge || !answer.expiresAt) return undefined;
  const { complexity } = answer;
  onProgress?.({ tried: 0, complexity });
  const solution = await solvePow(answer.challenge, {
    onProgress: (tried) => onProgress?.({ tried, complexity }),
  });
  return {
    pow: {
      challenge: answer.challenge,
      solution: { counter: solution.counter, derivedKey: solution.derivedKey },
    },
    expiresAtMs: Date.parse(answer.expiresAt),
  };
}
