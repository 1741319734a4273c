import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";

/** What `GET /api/pow/challenge` answers in `data`. */
export interface ChallengeAnswer {
  required: boolean;
  challenge: Challenge | null;
  complexity: number;
  expiresAt: string | null;
}

/** The `pow` field of a sign-up or queue-ticket request. */
export interface PowPayload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
}

export type PowQuery = { purpose: "signup" } | { purpose: "queue"; performanceId: string };

export async function fetchChallenge(baseUrl: string, query: PowQuery): Promise<ChallengeAnswer> {
  const response = await fetch(
    `${baseUrl}/api/pow/challenge?${new URLSearchParams(query).toString()}`,
  );
  const body = (await response.json()) as { data?: ChallengeAnswer; error?: unknown };
  if (!response.ok || !body.data) {
    throw new Error(`challenge: ${response.status} ${JSON.stringify(body.error)}`);
  }
  return body.data;
}

/** Solves a challenge the way a non-browser client would: altcha-lib's solver in Node. */
export async function solve(challenge: Challenge): Promise<PowPayload> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("no solution found");
  return { challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } };
}

/** A fresh challenge for the purpose, solved: what a client sends as `pow`. */
export async function solvedPow(baseUrl: string, query: PowQuery): Promise<PowPayload> {
  const answer = await fetchChallenge(baseUrl, query);
  if (!answer.challenge) throw new Error(`no proof of work needed for ${JSON.stringify(query)}`);
  return solve(answer.challenge);
}
