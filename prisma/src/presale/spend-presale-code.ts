import type { PrismaClient } from "../generated/client";

/** unknown: no such code of this performance (only a forged or stale ticket names one). */
export type PresaleSpend = "spent" | "used_up" | "revoked" | "unknown";

/**
 * Spends one use of a presale code for one admission, when its holder claims the working
 * token. One row per token (unique token_id): a second claim of the same turn (another tab,
 * a retry, an extension) spends nothing more, and only moves the turn's end to the token's
 * new expiry. The use is counted by a conditional update of the code's row, whose row lock
 * serialises racing holders: of two admissions racing for the last use, the second re-reads
 * `uses` after the first commits and is refused. Refused, nothing is written.
 *
 * A turn whose use was already given back (its end was read on a clock a moment ahead of
 * the queue's) spends it again, or is refused if the code has none left.
 */
export function spendPresaleCode(prisma: Pick<PrismaClient, "$transaction">) {
  return async ({
    codeId,
    performanceId,
    userId,
    tokenId,
    turnEndsAt,
  }: {
    codeId: string;
    performanceId: string;
    userId: string;
    tokenId: string;
    /** The working token's expiry: the turn is over then, if nothing ended it before. */
    turnEndsAt: Date;
  }): Promise<PresaleSpend> =>
    prisma
      .$transaction(async (tx): Promise<PresaleSpend> => {
        // Read, not locked (the update below locks the row): a use row naming a code that
        // does not exist would fail its foreign key, an error rather than a refusal.
        const [known] = await tx.$queryRaw<{ found: boolean }[]>`
          SELECT true AS found FROM presale_codes
           WHERE id = ${codeId}::uuid AND performance_id = ${performanceId}::uuid`;
        if (!known) return "unknown";
        const inserted = await tx.$executeRaw`
        INSERT INTO presale_uses (id, code_id, performance_id, user_id, token_id, turn_ends_at)
        VALUES (gen_random_uuid(), ${codeId}::uuid, ${performanceId}::uuid, ${userId}::uuid,
                ${tokenId}, ${turnEndsAt})
        ON CONFLICT (token_id) DO NOTHING`;
        if (inserted === 0) {
          const [use] = await tx.$queryRaw<{ returned: boolean }[]>`
            SELECT returned_at IS NOT NULL AS returned FROM presale_uses
             WHERE token_id = ${tokenId} FOR UPDATE`;
          if (!use?.returned) {
            await tx.$executeRaw`
              UPDATE presale_uses SET turn_ends_at = greatest(turn_ends_at, ${turnEndsAt})
               WHERE token_id = ${tokenId}`;
            return "spent";
          }
          await tx.$executeRaw`
            UPDATE presale_uses
               SET turn_ends_at = ${turnEndsAt}, turn_ended_at = NULL, returned_at = NULL
             WHERE token_id = ${tokenId}`;
        }
        const counted = await tx.$executeRaw`
        UPDATE presale_codes SET uses = uses + 1
        WHERE id = ${codeId}::uuid AND performance_id = ${performanceId}::uuid
          AND revoked_at IS NULL AND uses < use_limit`;
        if (counted === 1) return "spent";
        const code = await tx.presaleCode.findUnique({
          where: { id: codeId },
          select: { revokedAt: true },
        });
        // Undo the use row: the whole transaction is rolled back by the throw below.
        throw new PresaleSpendRefused(
          code === null || code.revokedAt !== null ? "revoked" : "used_up",
        );
      })
      .catch((error: unknown): PresaleSpend => {
        if (error instanceof PresaleSpendRefused) return error.outcome;
        throw error;
      });
}

class PresaleSpendRefused extends Error {
  constructor(readonly outcome: "used_up" | "revoked") {
    super(`presale code ${outcome}`);
  }
}
