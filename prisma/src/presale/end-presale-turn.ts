import type { PrismaClient } from "../generated/client";
import { givePresaleUseBack } from "./give-presale-use-back";

/**
 * The queue ended a buyer's turn. With its token id (the buyer left, the code was refused,
 * a payment confirmed), that turn is marked over and its use given back if nothing of it is
 * live or bought (givePresaleUseBack). Without one (the grant had lapsed, and Redis no
 * longer knows its token), the buyer's turns on this performance whose token's time has
 * passed are the ones looked at: a later turn's token is still valid, so a late report of
 * an earlier end never touches it. Idempotent; answers how many uses came back.
 */
export function endPresaleTurn(prisma: Pick<PrismaClient, "$transaction" | "presaleUse">) {
  return async ({
    performanceId,
    userId,
    tokenId,
  }: {
    performanceId: string;
    userId: string;
    tokenId?: string;
  }): Promise<number> => {
    if (tokenId !== undefined) {
      return prisma.$transaction(async (tx) => {
        const ended = await tx.$queryRaw<{ id: string }[]>`
          UPDATE presale_uses SET turn_ended_at = coalesce(turn_ended_at, now())
           WHERE token_id = ${tokenId} AND performance_id = ${performanceId}::uuid
             AND user_id = ${userId}::uuid
          RETURNING id::text AS id`;
        const [use] = ended;
        return use && (await givePresaleUseBack(tx, { useId: use.id })) ? 1 : 0;
      });
    }
    const lapsed = await prisma.presaleUse.findMany({
      where: { performanceId, userId, returnedAt: null, turnEndsAt: { lte: new Date() } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    let returned = 0;
    for (const { id } of lapsed) {
      if (await prisma.$transaction((tx) => givePresaleUseBack(tx, { useId: id }))) returned++;
    }
    return returned;
  };
}
