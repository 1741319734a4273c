import type { Prisma } from "../generated/client";

/**
 * Sets a code's count to its uses not given back, capped at its limit (the count's CHECK),
 * inside the caller's transaction, after that transaction gave a use back or took one
 * again. A recount rather than a step of one: a late payment may take a use back that
 * went to another turn meanwhile, so more uses are out than the limit, and the count stays
 * at the limit until enough of them come back; one step down per give-back would free a
 * use still spent, and let a single-use code buy twice.
 *
 * The code's row is locked in its own statement first, so the recount reads, in a later
 * snapshot, every use a racing spend or give-back of the same code committed before it:
 * none is counted on a stale view. Callers lock the use's row before this (one order).
 * FOR NO KEY UPDATE, not FOR UPDATE: writing a use row the transaction already wrote runs
 * its foreign-key check, which holds the code's row FOR KEY SHARE, and two racing
 * give-backs each asking FOR UPDATE over the other's share would deadlock.
 */
export async function recountPresaleCodeUses(
  tx: Prisma.TransactionClient,
  { codeId }: { codeId: string },
): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM presale_codes WHERE id = ${codeId}::uuid FOR NO KEY UPDATE`;
  await tx.$executeRaw`
    UPDATE presale_codes c
       SET uses = least(c.use_limit, (SELECT count(*) FROM presale_uses u
                                       WHERE u.code_id = c.id AND u.returned_at IS NULL))
     WHERE c.id = ${codeId}::uuid`;
}
