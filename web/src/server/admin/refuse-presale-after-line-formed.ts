import "server-only";
import { AppError } from "@ticketping/common/errors";
import { queueStore } from "../queue/queue-store";

/**
 * Refuses adding a presale to a sale that already has buyers in its line: they lined up
 * without a code, and the line does not know who holds one, so they would be admitted
 * during the presale and then refused at their claim (PRESALE_CODE_REQUIRED), losing the
 * place they queued for. Moving or removing a presale stays allowed (a later general sale
 * pauses the line behind its round instead). Buyers active in the working set count too:
 * one admitted but not yet claimed would meet the same refusal.
 */
export async function refusePresaleAfterLineFormed(performanceId: string): Promise<void> {
  const { progress } = await queueStore().stats(performanceId);
  if (!progress) return;
  const inLine =
    progress.waiting + progress.preQueued + progress.generalPreQueued + progress.active;
  if (inLine === 0) return;
  throw new AppError("CONFLICT", `performance ${performanceId} has ${inLine} buyers in line`, {
    userMessage:
      "Buyers are already in this sale's line without a code, so a presale can no longer be added.",
    details: {
      reason: "BUYERS_IN_LINE",
      issues: [{ path: "generalSaleOpensAt", message: "Buyers are already in line." }],
    },
  });
}
