import { hashPresaleCode, type PresaleCodeBook } from "@ticketping/common/queue";
import type { PrismaClient } from "../generated/client";

/**
 * The doors' code book: one indexed read by the code's hash, scoped to the performance.
 * A spent code stays usable for the buyer holding an unreturned use of it, whose own turn
 * it paid for: locking them out would strand a second tab, a reload or a reconnect.
 */
export function presaleCodeBook(
  prisma: Pick<PrismaClient, "presaleCode" | "presaleUse">,
): PresaleCodeBook {
  return {
    find: async (performanceId, code, userId) => {
      const found = await prisma.presaleCode.findFirst({
        where: { codeHash: hashPresaleCode(code), performanceId },
        select: { id: true, revokedAt: true, uses: true, useLimit: true },
      });
      if (!found) return null;
      const full = found.uses >= found.useLimit;
      const holds =
        full &&
        (await prisma.presaleUse.findFirst({
          where: { codeId: found.id, userId, returnedAt: null },
          select: { id: true },
        })) !== null;
      return { id: found.id, revoked: found.revokedAt !== null, usedUp: full && !holds };
    },
  };
}
