import "server-only";
import { AppError } from "@ticketping/common/errors";
import { queueStore } from "../queue/queue-store";

/**
 * How long a sale stays "presale pending" in Redis: far longer than the edit's transaction
 * may run (Prisma's interactive transaction times out after 5 s), so a mark outlives its
 * edit, while one left by an edit that died before taking it back lapses on its own.
 */
const PRESALE_PENDING_HOLD_MS = 60_000;

/**
 * Refuses adding a presale to a sale that already has buyers in its line: they lined up
 * without a code, and the line does not know who holds one, so they would be admitted
 * during the presale and then refused at their claim (PRESALE_CODE_REQUIRED), losing the
 * place they queued for. Moving or removing a presale stays allowed (a later general sale
 * pauses the line behind its round instead). Buyers active in the working set count too:
 * one admitted but not yet claimed would meet the same refusal.
 *
 * The check and the "presale pending" mark are one step in Redis, taken before the edit
 * commits: a buyer who joined earlier fails the check, and one without a code who comes
 * later is refused as during the presale. The caller takes the mark back if its edit does
 * not commit (clearPresalePending); once the settings carry the presale the mark is moot.
 */
export async function refusePresaleAfterLineFormed(
  performanceId: string,
  /** The edit's own: only that edit may take its mark back. */
  markToken: string,
): Promise<void> {
  const marked = await queueStore().markPresalePending(
    performanceId,
    PRESALE_PENDING_HOLD_MS,
    markToken,
  );
  if (marked.marked) return;
  throw new AppError(
    "CONFLICT",
    `performance ${performanceId} has ${marked.inLine} buyers in line`,
    {
      userMessage:
        "Buyers are already in this sale's line without a code, so a presale can no longer be added.",
      details: {
        reason: "BUYERS_IN_LINE",
        issues: [{ path: "generalSaleOpensAt", message: "Buyers are already in line." }],
      },
    },
  );
}
