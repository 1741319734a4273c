import { randomUUID } from "node:crypto";
import type { Attack } from "../attack";
import { loopbackAddress, outcomeOf, send, tally } from "../http";
import { solvedPow } from "../pow";

const SIGN_UP_LIMIT = 10;
const FARM_SIZE = 200;
const REPLAYS = 20;

/**
 * A farm signs up 200 accounts from one address: first without the proof of work, then
 * solving it for each (at the suite's light difficulty, see run-abuse.ts), then with a
 * made-up X-Forwarded-For on each request (no proxy is trusted here, so the header names
 * nobody), then spending one solution many times; a first-time buyer on another address
 * still gets in.
 */
export const signUpFarm: Attack = async ({ webUrl }) => {
  const farm = loopbackAddress();
  const signUp = async (
    from: string,
    { headers = {}, pow }: { headers?: Record<string, string>; pow?: unknown } = {},
  ) =>
    send(webUrl, {
      method: "POST",
      path: "/api/auth/signup",
      from,
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({
        email: `farm-${randomUUID()}@abuse.invalid`,
        name: "Farm",
        password: "a farm password 1234",
        pow,
      }),
    });
  const solved = (from: string) => solvedPow(webUrl, from, { purpose: "signup" });

  const unsolved = await inBatches(FARM_SIZE, () => signUp(farm));
  const plain = await inBatches(FARM_SIZE, async () => signUp(farm, { pow: await solved(farm) }));
  const spoofed = await inBatches(FARM_SIZE, async (index) =>
    signUp(farm, {
      headers: { "x-forwarded-for": `203.0.113.${index % 250}` },
      pow: await solved(farm),
    }),
  );
  const once = await solved(farm);
  const replayed = await inBatches(REPLAYS, () => signUp(loopbackAddress(), { pow: once }));
  const person = await signUp(loopbackAddress(), { pow: await solved(farm) });

  const plainCreated = plain.filter((answer) => answer.status === 201).length;
  const refused = (answers: typeof plain) =>
    answers.filter((answer) => answer.status === 201 || outcomeOf(answer) === "429 RATE_LIMITED")
      .length === answers.length;
  const replayCreated = replayed.filter((answer) => answer.status === 201).length;
  return [
    {
      attack: `${FARM_SIZE} sign-ups from one address without the proof of work`,
      expected: "no account: all 403 POW_REQUIRED",
      observed: tally(unsolved.map(outcomeOf)),
      held: unsolved.every((answer) => outcomeOf(answer) === "403 POW_REQUIRED"),
    },
    {
      attack: `${FARM_SIZE} sign-ups from one address, each with its proof of work`,
      expected: `at most ${SIGN_UP_LIMIT} accounts, the rest 429 RATE_LIMITED`,
      observed: tally(plain.map(outcomeOf)),
      held: plainCreated <= SIGN_UP_LIMIT && refused(plain),
    },
    {
      attack: `${FARM_SIZE} more, each with a spoofed X-Forwarded-For`,
      expected: "no account: the header is not believed from an untrusted peer",
      observed: tally(spoofed.map(outcomeOf)),
      held: spoofed.every((answer) => outcomeOf(answer) === "429 RATE_LIMITED"),
    },
    {
      attack: `one solved proof of work spent ${REPLAYS} times, from ${REPLAYS} addresses`,
      expected: "one account at most, the rest 403 POW_REPLAYED",
      observed: tally(replayed.map(outcomeOf)),
      held:
        replayCreated <= 1 &&
        replayed.every(
          (answer) => answer.status === 201 || outcomeOf(answer) === "403 POW_REPLAYED",
        ),
    },
    {
      attack: "meanwhile, a first-time buyer on another address signs up",
      expected: "201",
      observed: outcomeOf(person),
      held: person.status === 201,
    },
  ];
};

/** Runs `count` requests, ten at a time (a farm is patient; the answers are what count). */
async function inBatches<T>(count: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, offset) =>
      run(start + offset),
    );
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
