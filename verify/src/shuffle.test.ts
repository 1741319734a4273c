import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { commitmentOf, drawBelow, seedWords, shuffleWithSeed } from "./shuffle";
import { shuffleVectors } from "./vectors";

describe("the verifier's shuffle", () => {
  it.each(shuffleVectors.map((vector) => [vector.name, vector] as const))(
    "reproduces the shared vector with %s",
    (_name, vector) => {
      expect(commitmentOf(vector.seed)).toBe(vector.commitment);
      const words = seedWords(vector.seed);
      expect(vector.firstWords.map(() => words.next().value)).toEqual(vector.firstWords);
      expect(shuffleWithSeed(vector.seed, vector.entrants)).toEqual(vector.lineOrder);
    },
  );

  it("agrees with the sha256sum and sha1sum tools on the commitment and the first word", () => {
    const [vector] = shuffleVectors;
    if (!vector) throw new Error("no vectors");
    const digest = (tool: string, text: string) =>
      execFileSync(tool, { input: text }).toString().slice(0, 64).trim();
    expect(digest("sha256sum", vector.seed)).toBe(vector.commitment);
    const firstDigest = digest("sha1sum", `${vector.seed}:0`).slice(0, 40);
    expect(Number.parseInt(firstDigest.slice(0, 8), 16)).toBe(vector.firstWords[0]);
    expect(Number.parseInt(firstDigest.slice(32, 40), 16)).toBe(vector.firstWords[4]);
  });

  it("redraws words at or above the largest multiple of the bound (no modulo bias)", () => {
    const stream = (values: number[]) => values[Symbol.iterator]() as Iterator<number, never>;
    // bound 3: 2^32 is 1 mod 3, so words below 2^32 - 1 are kept and the last is redrawn.
    expect(drawBelow(stream([2 ** 32 - 1, 7]), 3)).toBe(1);
    // bound 2^31 + 1: only [0, 2^31 + 1) is kept; everything above is redrawn.
    expect(drawBelow(stream([2 ** 31 + 1, 2 ** 32 - 2, 5]), 2 ** 31 + 1)).toBe(5);
    expect(drawBelow(stream([2 ** 31]), 2 ** 31 + 1)).toBe(2 ** 31);
  });

  it("keeps every entrant exactly once and spreads a first place evenly", () => {
    const entrants = ["a", "b", "c", "d"];
    const firsts = new Map<string, number>();
    for (let run = 0; run < 4_000; run += 1) {
      const order = shuffleWithSeed(commitmentOf(String(run)), entrants);
      expect([...order].sort()).toEqual(entrants);
      const first = order[0] ?? "";
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // 1,000 expected each, standard deviation 27: five of them either side is a stable bound.
    for (const entrant of entrants) {
      expect(firsts.get(entrant)).toBeGreaterThan(860);
      expect(firsts.get(entrant)).toBeLessThan(1_140);
    }
  });
});
