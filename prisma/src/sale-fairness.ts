import { randomBytes } from "node:crypto";
import type { PrismaClient } from "./generated/client";

export interface SaleFairnessSecrets {
  /** 64 lowercase hex digits: the shuffle seed, secret until the shuffle has run. */
  seed: string;
  /** 64 lowercase hex digits: keys the entrants' pseudonyms, never published. */
  pseudonymKey: string;
  /**
   * 64 lowercase hex digits: the second seed, which shuffles the general sale's pre-queue
   * after a presale. Its own (the first is revealed at the opening, before the general
   * sale's pre-queue is shuffled, and would let anyone foresee that shuffle).
   */
  generalSeed: string;
}

/**
 * The performance's shuffle seeds and pseudonym key, created on first use. Several
 * processes may ask at once (web's performance page, every queue-service instance): the
 * insert skips an existing row, so the first writer wins and everyone reads its values.
 * A seed, once written, is never changed, which is what makes its commitment binding.
 */
export async function ensureSaleFairness(
  prisma: PrismaClient,
  performanceId: string,
): Promise<SaleFairnessSecrets> {
  const select = { seed: true, pseudonymKey: true, generalSeed: true } as const;
  // The performance page asks on every view: one indexed read once the row exists.
  const existing = await prisma.saleFairness.findUnique({ where: { performanceId }, select });
  if (existing) return existing;
  await prisma.saleFairness.createMany({
    data: {
      performanceId,
      seed: randomBytes(32).toString("hex"),
      pseudonymKey: randomBytes(32).toString("hex"),
      generalSeed: randomBytes(32).toString("hex"),
    },
    skipDuplicates: true,
  });
  return prisma.saleFairness.findUniqueOrThrow({ where: { performanceId }, select });
}
