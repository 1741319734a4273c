import { hashPresaleCode, type PresaleCodeBook } from "@ticketping/common/queue";
import type { PrismaClient } from "../generated/client";

/** The doors' code book: one indexed read by the code's hash, scoped to the performance. */
export function presaleCodeBook(prisma: Pick<PrismaClient, "presaleCode">): PresaleCodeBook {
  return {
    find: async (performanceId, code) => {
      const found = await prisma.presaleCode.findFirst({
        where: { codeHash: hashPresaleCode(code), performanceId },
        select: { id: true, revokedAt: true, uses: true, useLimit: true },
      });
      return (
        found && {
          id: found.id,
          revoked: found.revokedAt !== null,
          usedUp: found.uses >= found.useLimit,
        }
      );
    },
  };
}
