import type { PrismaClient } from "../generated/client";

export type PresaleSpend = "spent" | "used_up" | "revoked";

/**
 * Spends one use of a presale code for one admission, when its holder claims the working
 * token. One row per token (unique token_id): a second claim of the same turn (another tab,
 * a retry) spends nothing more. The use is counted by a conditional update of the code's
 * row, whose row lock serialises racing holders: of two admissions racing for the last use,
 * the second re-reads `uses` after the first commits and is refused. Refused, nothing is
 * written.
 */
export function spendPresaleCode(prisma: Pick<PrismaClient, "$transaction">) {
  return async ({
    codeId,
    performanceId,
    userId,
    tokenId,
  }: {
    codeId: string;
    performanceId: string;
    userId: string;
    tokenId: string;
  }): Promise<PresaleSpend> =>
    prisma
      .$transaction(async (tx): Promise<PresaleSpend> => {
        const inserted = await tx.$executeRaw`
        INSERT INTO presale_uses (id, code_id, performance_id, user_id, token_id)
        VALUES (gen_random_uuid(), ${codeId}::uuid, ${performanceId}::uuid, ${userId}::uuid, ${tokenId})
        ON CONFLICT (token_id) DO NOTHING`;
        if (inserted === 0) return "spent";
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
