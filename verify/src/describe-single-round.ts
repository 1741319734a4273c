import type { SingleRound } from "./check-sale";

const texts: Record<SingleRound, string> = {
  // The record cannot tell a sale that never had a presale from one closed during it: both
  // publish no general round, so the line names every case rather than guess one.
  "no-general-round":
    "ONE ROUND ONLY: the record has no general sale's round (the sale had no presale, its presale was removed before that round, or the sale closed before its general sale), so there is no second round to check.",
  "opened-after-general-sale":
    "ONE ROUND ONLY: the sale opened after its general sale's instant, so no presale ran and everyone was in the opening's round; there is no general sale's round to check.",
  "general-round-not-run-sale-closed":
    "ONE ROUND ONLY: the sale closed within 5 minutes after its general sale's instant, before the queue ran that round (the record says it was not run and when the sale closed), so there is no general sale's round to check; a close any later would have failed the check.",
};

/** The command's line saying why a matching sale had one round only. */
export function describeSingleRound(round: SingleRound): string {
  return texts[round];
}
