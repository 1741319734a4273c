import type { WaitEstimate } from "@ticketping/common/queue/client";

/**
 * An estimated wait in words a buyer reads at a glance, and the screen reader reads the
 * same: nobody is told two figures.
 */
export function formatWait(estimate: WaitEstimate): string {
  if (estimate.kind === "next") return "You’re next";
  if (estimate.kind === "unknown") return "Waiting for the line to move";
  const { lowSeconds, highSeconds } = estimate;
  if (highSeconds < 60) return "Under 1 min";
  const low = Math.max(1, Math.floor(lowSeconds / 60));
  const high = Math.max(low, Math.ceil(highSeconds / 60));
  if (high < 60) return low === high ? `About ${high} min` : `${low}–${high} min`;
  // Nobody plans to the minute an hour ahead: half hours.
  const halfHours = (minutes: number, round: (value: number) => number) =>
    Math.max(0.5, round(minutes / 30) / 2);
  const lowHours = halfHours(low, Math.floor);
  const highHours = halfHours(high, Math.ceil);
  if (low < 60) return `${low} min–${highHours} h`;
  return lowHours === highHours ? `About ${highHours} h` : `${lowHours}–${highHours} h`;
}

/**
 * How far along the line the buyer is, as a percentage: full at the front (nobody ahead),
 * never 0 while in line, measured from the furthest place back this page saw.
 */
export function lineProgressPercent(position: number, startPosition: number): number {
  if (position <= 1) return 100;
  const start = Math.max(startPosition, position);
  return Math.min(99, Math.max(2, Math.round((100 * (start - position)) / (start - 1))));
}

/** The "people ahead" figure: everyone before this buyer's place. */
export function peopleAhead(position: number): number {
  return Math.max(0, position - 1);
}
