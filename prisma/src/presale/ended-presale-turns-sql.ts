import { Prisma } from "../generated/client";

/**
 * The uses the worker's sweep gives back: turns over with their use still out, neither
 * given back nor kept for good (kept_at), and nothing of them live or bought. It walks the
 * partial index presale_uses_unsettled_turn_ends_at_idx (migration
 * 20261209010000_settled_presale_uses), which holds only unsettled uses: however many uses
 * were ever spent, the sweep reads the few still out, with no window in time to miss one.
 */
export function endedPresaleTurnsSql({ limit }: { limit: number }): Prisma.Sql {
  return Prisma.sql`
    SELECT u.id::text AS id FROM presale_uses u
     WHERE u.returned_at IS NULL AND u.kept_at IS NULL AND u.turn_ends_at IS NOT NULL
       AND u.turn_ends_at <= now()
       AND NOT EXISTS (SELECT 1 FROM reservations r
                        WHERE r.presale_use_id = u.id AND reservation_keeps_presale_use(r))
     ORDER BY u.turn_ends_at
     LIMIT ${limit}`;
}
