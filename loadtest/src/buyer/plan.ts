import type { Random } from "../random";

/** What one buyer means to do, decided before the sale opens (so a seed repeats it). */
export interface BuyerPlan {
  /** buy: pay for the seats; abandon: give up while waiting; lapse: hold, never pay. */
  intent: "buy" | "abandon" | "lapse";
  /** An abandoning buyer gives up this long after joining, if still waiting. */
  abandonAfterMs: number;
  /** ...by leaving the line, or by closing the tab (the place is kept for the grace). */
  abandonBy: "leave" | "close";
  /** Seats wanted, 1-4 (fewer when the show allows fewer). */
  seatCount: number;
}

export function planBuyers(
  count: number,
  { abandonRate, lapseRate }: { abandonRate: number; lapseRate: number },
  random: Random,
): BuyerPlan[] {
  return Array.from({ length: count }, () => {
    const draw = random.next();
    const intent =
      draw < abandonRate ? "abandon" : draw < abandonRate + lapseRate ? "lapse" : "buy";
    return {
      intent,
      abandonAfterMs: random.int(500, 10_000),
      abandonBy: random.next() < 0.5 ? "leave" : "close",
      seatCount: random.int(1, 4),
    };
  });
}
