import type { SalePhase } from "@ticketping/common/queue/client";

/** A performance's phase as the catalog works it out: the queue's, less `unknown`. */
export type CatalogSalePhase = Exclude<SalePhase, "unknown">;

/**
 * The public catalog API's words for the phases (web/README.md): a contract older than the
 * shared vocabulary, so they stay, and `publicSalePhase` is the one place that translates.
 */
export const publicSalePhases = ["upcoming", "on-sale", "sold-out", "cancelled", "closed"] as const;
export type PublicSalePhase = (typeof publicSalePhases)[number];

const publicWords: Record<CatalogSalePhase, PublicSalePhase> = {
  pre: "upcoming",
  open: "on-sale",
  sold_out: "sold-out",
  closed: "closed",
};

/**
 * `cancelled` has no word in the queue's vocabulary (the line reads such a sale as sold out):
 * it is the catalog's alone, so buyers are not told to wait for seats that will never come.
 */
export function publicSalePhase(
  phase: CatalogSalePhase,
  { everyShowCancelled = false }: { everyShowCancelled?: boolean } = {},
): PublicSalePhase {
  if (everyShowCancelled) return "cancelled";
  return publicWords[phase];
}

export interface SalePhaseInput {
  saleStatus: "DRAFT" | "PUBLISHED" | "CLOSED";
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  availableSeats: number;
}

/**
 * What a buyer can do now. Derived on every read rather than stored, because it depends
 * on the clock and on stock, and a stored copy would need a job to keep it true.
 */
export function salePhase(performance: SalePhaseInput, now: Date = new Date()): CatalogSalePhase {
  if (performance.saleStatus !== "PUBLISHED") return "closed";
  if (now >= performance.bookingClosesAt) return "closed";
  // Before "pre", in the queue's order (common's queue.lua salePhase): a sale whose opening
  // the organizer moved later after it sold out, or whose every seat is held back, has
  // nothing to queue for, and the catalog must not invite buyers the line would refuse.
  if (performance.availableSeats === 0) return "sold_out";
  if (now < performance.bookingOpensAt) return "pre";
  return "open";
}
