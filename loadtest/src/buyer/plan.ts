import type { Random } from "../random";

/** What one buyer means to do, decided before the sale opens (so a seed repeats it). */
export interface BuyerPlan {
  /** buy: go for seats; abandon: give up while waiting (and buy if admitted first). */
  intent: "buy" | "abandon";
  /** An abandoning buyer gives up this long after joining, if still waiting. */
  abandonAfterMs: number;
  /** ...by leaving the line, or by closing the tab (the place is kept for the grace). */
  abandonBy: "leave" | "close";
  /** Seats wanted, 1-4 (fewer when the show allows fewer). */
  seatCount: number;
}

export function planBuyers(
  count: number,
  { abandonRate }: { abandonRate: number },
  random: Random,
): BuyerPlan[] {
  return Array.from({ length: count }, () => ({
    intent: random.next() < abandonRate ? "abandon" : "buy",
    abandonAfterMs: random.int(500, 10_000),
    abandonBy: random.next() < 0.5 ? "leave" : "close",
    seatCount: random.int(1, 4),
  }));
}

/**
 * Whether the next admitted buyer lets its hold lapse. Decided in order of admission from
 * its own seeded sequence, so `lapseRate` is a share of the buyers who get to the seats
 * (whoever they turn out to be) and a seed repeats which admissions lapse.
 */
export function lapseDecider(lapseRate: number, random: Random): () => boolean {
  return () => random.next() < lapseRate;
}
