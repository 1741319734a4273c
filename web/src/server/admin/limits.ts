// Limits of the organizer's inputs. No zod: the console's forms read them to set their
// inputs' min and max, without pulling zod into the browser.
import { powComplexityLimits } from "../pow/pow-policy";

export const hallLimits = { rows: { min: 1, max: 100 }, columns: { min: 1, max: 100 } } as const;

export const saleStatuses = ["DRAFT", "PUBLISHED", "CLOSED"] as const;

/**
 * The currencies an organizer can sell in (ISO 4217). Prices are in the currency's minor
 * unit: cents for EUR, USD and GBP; KRW and JPY have none, so 55000 is ₩55,000.
 */
export const performanceCurrencies = ["KRW", "EUR", "USD", "JPY", "GBP"] as const;
export type PerformanceCurrency = (typeof performanceCurrencies)[number];
/** A new performance's currency when none is chosen (the only one before the choice). */
export const defaultCurrency: PerformanceCurrency = "EUR";

export const gradeLimits = { priceMinor: { min: 0, max: 10_000_000 } } as const;

export const maxSeatsPerReservationLimits = { min: 1, max: 20 } as const;

/** A performance's running time in minutes: up to a day. */
export const runtimeMinutesLimits = { min: 1, max: 1440 } as const;

/** Waiting-room tuning; null (an empty field) means the queue service's default. */
export const queueLimits = {
  maxActive: { min: 1, max: 100_000 },
  admitRatePerSec: { min: 1, max: 10_000 },
  tokenTtlSeconds: { min: 60, max: 86_400 },
  refuseRatio: { min: 1, max: 100 },
  /** Proof of work to join the line (ALTCHA complexity); 0 turns it off. */
  powComplexity: powComplexityLimits,
} as const;
