import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { send } from "./http";

export type PowQuery = { purpose: "signup" } | { purpose: "queue"; performanceId: string };

/**
 * A proof of work for the purpose, solved the way a farm's script would (web/README.md,
 * "Proof of work"): a challenge from the API, altcha-lib's solver in Node.
 */
export async function solvedPow(webUrl: string, from: string, query: PowQuery): Promise<unknown> {
  const answer = await send(webUrl, {
    method: "GET",
    path: `/api/pow/challenge?${new URLSearchParams(query).toString()}`,
    from,
  });
  const { data } = JSON.parse(answer.body) as { data?: { challenge: Challenge | null } };
  if (!data?.challenge) throw new Error(`no challenge (${answer.status}): ${answer.body}`);
  const solution = await solveChallenge({ challenge: data.challenge, deriveKey });
  if (!solution) throw new Error("no solution");
  return {
    challenge: data.challenge,
    solution: { counter: solution.counter, derivedKey: solution.derivedKey },
  };
}
