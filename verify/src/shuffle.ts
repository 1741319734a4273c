import { createHash } from "node:crypto";

/** The name the API publishes with every fairness record; docs/fairness.md specifies it. */
export const SHUFFLE_ALGORITHM = "ticketping-shuffle-v1";

const WORD_RANGE = 2 ** 32;

/** SHA-256 of the seed's 64 hex digits as ASCII, in lowercase hex. */
export function commitmentOf(seed: string): string {
  return createHash("sha256").update(seed, "ascii").digest("hex");
}

/**
 * The generator: SHA-1 of "<seed>:<counter>" for counter 0, 1, 2, ... (decimal ASCII),
 * each digest read as five big-endian unsigned 32-bit words, in order.
 */
export function* seedWords(seed: string): Generator<number, never> {
  for (let counter = 0; ; counter += 1) {
    const digest = createHash("sha1").update(`${seed}:${counter}`, "ascii").digest();
    for (let offset = 0; offset < 20; offset += 4) yield digest.readUInt32BE(offset);
  }
}

/**
 * Uniform in [0, bound): words at or above the largest multiple of bound below 2^32 are
 * thrown away and the next word is taken, so no value is more likely than another.
 */
export function drawBelow(words: Iterator<number, never>, bound: number): number {
  const limit = bound * Math.floor(WORD_RANGE / bound);
  let word = words.next().value;
  while (word >= limit) word = words.next().value;
  return word % bound;
}

/**
 * Fisher-Yates from the last place down: place i (counting from 0) swaps with a place
 * drawn uniformly from 0..i. Answers a new array; the input is the pre-queue in join order.
 */
export function shuffleWithSeed<T>(seed: string, items: readonly T[]): T[] {
  if (items.length >= WORD_RANGE) throw new RangeError("at most 2^32 - 1 items");
  const order = [...items];
  const words = seedWords(seed);
  for (let i = order.length - 1; i >= 1; i -= 1) {
    const j = drawBelow(words, i + 1);
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
}
