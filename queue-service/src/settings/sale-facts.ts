/** What the queue needs to know about a performance from the database. */
export interface PerformanceSaleFacts {
  saleStatus: "DRAFT" | "PUBLISHED" | "CLOSED";
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  /** Seats of all its schedules that are not SOLD (a HELD seat may still come back). */
  unsoldSeats: number;
  // The organizer's live queue settings; null means "use the service default".
  queueMaxActive: number | null;
  queueAdmitRatePerSec: number | null;
  queueTokenTtlSeconds: number | null;
  queueRefuseRatio: number | null;
  /** The committed shuffle seed (docs/fairness.md); "" unless the sale is published. */
  shuffleSeed: string;
  /** When the general sale opens after a presale; null: no presale. */
  generalSaleOpensAt: Date | null;
  /** The second committed seed, for the general sale's pre-queue; as shuffleSeed. */
  generalShuffleSeed: string;
}

/** Null when no performance has this id. */
export type LoadSaleFacts = (performanceId: string) => Promise<PerformanceSaleFacts | null>;
