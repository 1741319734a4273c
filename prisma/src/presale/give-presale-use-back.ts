import type { Prisma } from "../generated/client";
import { recountPresaleCodeUses } from "./recount-presale-code-uses";

/**
 * Gives one presale use back, inside the caller's transaction, when its turn is over (the
 * queue ended it early, or its token's time passed) and every hold made in it ended unpaid
 * (none keeps it by the database's rule reservation_keeps_presale_use, which create_hold's
 * seat cap counts by too). Exactly once: the mark
 * `returned_at IS NULL -> now()` is conditional, and the code's count is recounted only
 * for a row this call marked (recountPresaleCodeUses: a use a late payment took back may
 * still be out). True when the use came back.
 *
 * The use's row is locked first and its holds read in a later statement: a give-back
 * racing a hold being written in the turn (create_hold holds the row FOR SHARE), the end of
 * the turn or a lapsing hold waits for the other's commit and then sees what it wrote, so
 * whichever of them comes last decides, and none decides on a stale view.
 */
export async function givePresaleUseBack(
  tx: Prisma.TransactionClient,
  { useId }: { useId: string },
): Promise<boolean> {
  await tx.$queryRaw`SELECT 1 FROM presale_uses WHERE id = ${useId}::uuid FOR UPDATE`;
  const returned = await tx.$queryRaw<{ code_id: string }[]>`
    UPDATE presale_uses u SET returned_at = now()
     WHERE u.id = ${useId}::uuid AND u.returned_at IS NULL AND u.turn_ends_at IS NOT NULL
       AND (u.turn_ended_at IS NOT NULL OR u.turn_ends_at <= now())
       AND NOT EXISTS (SELECT 1 FROM reservations r
                        WHERE r.presale_use_id = u.id AND reservation_keeps_presale_use(r))
    RETURNING u.code_id::text AS code_id`;
  const [use] = returned;
  if (!use) return false;
  await recountPresaleCodeUses(tx, { codeId: use.code_id });
  return true;
}
