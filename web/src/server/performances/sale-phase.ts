export const salePhases = ["upcoming", "on-sale", "sold-out", "closed"] as const;
export type SalePhase = (typeof salePhases)[number];

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
export function salePhase(performance: SalePhaseInput, now: Date = new Date()): SalePhase {
  if (performance.saleStatus !== "PUBLISHED") return "closed";
  if (now < performance.bookingOpensAt) return "upcoming";
  if (now >= performance.bookingClosesAt) return "closed";
  if (performance.availableSeats === 0) return "sold-out";
  return "on-sale";
}
