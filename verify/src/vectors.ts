import { z } from "zod";
import vectorsFile from "../vectors/shuffle.json" with { type: "json" };

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const vectorsSchema = z.object({
  algorithm: z.literal("ticketping-shuffle-v1"),
  vectors: z.array(
    z.object({
      name: z.string(),
      seed: hex64,
      commitment: hex64,
      /** The generator's first words, to check a new implementation step by step. */
      firstWords: z.array(
        z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1),
      ),
      entrants: z.array(z.string()),
      lineOrder: z.array(z.string()),
    }),
  ),
});

/**
 * The shared test vectors: the shuffle in Redis (common's tests) and this verifier must
 * both reproduce every one of them, so neither can drift from the other or from the docs.
 */
export const shuffleVectors = vectorsSchema.parse(vectorsFile).vectors;
export type ShuffleVector = (typeof shuffleVectors)[number];
