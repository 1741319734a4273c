import type { PrismaClient } from "../generated/client";

/**
 * Gives back the presale uses of a buyer's turn that ended with nothing bought (the slot
 * expired, was left or revoked). Exactly once: the mark `returned_at IS NULL -> now()` is a
 * conditional update, so a redelivered or doubled end of turn finds nothing left to return,
 * and the code's count drops only for rows this call marked. A use is kept (spent for good)
 * when the buyer made any reservation since it was spent that is not EXPIRED or FAILED: a
 * purchase, or a payment still under way (paid means yours, so it may still confirm).
 * Returns how many uses came back.
 */
export function givePresaleUsesBack(prisma: Pick<PrismaClient, "$transaction">) {
  return async ({
    performanceId,
    userId,
  }: {
    performanceId: string;
    userId: string;
  }): Promise<number> =>
    prisma.$transaction(async (tx) => {
      const returned = await tx.$queryRaw<{ code_id: string }[]>`
        UPDATE presale_uses u SET returned_at = now()
        WHERE u.performance_id = ${performanceId}::uuid AND u.user_id = ${userId}::uuid
          AND u.returned_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM reservations r JOIN schedules s ON s.id = r.schedule_id
            WHERE r.user_id = u.user_id AND s.performance_id = u.performance_id
              AND r.created_at >= u.spent_at AND r.status NOT IN ('EXPIRED', 'FAILED'))
        RETURNING u.code_id::text AS code_id`;
      // Codes in id order: two give-backs touching the same codes lock them alike.
      const codeIds = returned.map((row) => row.code_id).sort();
      for (const codeId of codeIds) {
        await tx.$executeRaw`
          UPDATE presale_codes SET uses = uses - 1 WHERE id = ${codeId}::uuid AND uses > 0`;
      }
      return codeIds.length;
    });
}
