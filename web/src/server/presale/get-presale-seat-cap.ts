import "server-only";
import { db } from "../db";

/**
 * The seat cap of the presale code that paid for this turn (the working token's id), or
 * null when the turn spent no code or its code has no cap. One read by a unique index: a
 * hold is far rarer than a seat-map poll, and the turn's code is known only in PostgreSQL.
 */
export async function getPresaleSeatCap({ tokenId }: { tokenId: string }): Promise<number | null> {
  const use = await db().presaleUse.findUnique({
    where: { tokenId },
    select: { returnedAt: true, code: { select: { seatCap: true } } },
  });
  return use ? use.code.seatCap : null;
}
