import type { PrismaClient } from "../generated/client";

/**
 * Moves a presale turn's recorded end to its token's new expiry when the turn is extended
 * after the general sale opened, where nothing is spent (spendPresaleCode moves it during
 * the presale). Without it, the turn would count as over at its first expiry while the
 * token still lives, and its use could come back and refuse the buyer's next hold.
 */
export function extendPresaleTurn(prisma: Pick<PrismaClient, "$executeRaw">) {
  return async ({ tokenId, turnEndsAt }: { tokenId: string; turnEndsAt: Date }): Promise<void> => {
    await prisma.$executeRaw`
      UPDATE presale_uses SET turn_ends_at = greatest(turn_ends_at, ${turnEndsAt})
       WHERE token_id = ${tokenId} AND returned_at IS NULL`;
  };
}
