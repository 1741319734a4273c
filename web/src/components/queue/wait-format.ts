import type { WaitEstimate } from "@ticketping/common/queue/client";

/** The wording of an estimated wait: a message key (the "wait" messages) and its figures. */
export type WaitWords =
  | { key: "next" | "unknown" | "underMinute"; values?: undefined }
  | { key: "aboutMinutes"; values: { minutes: number } }
  | { key: "aboutHours"; values: { hours: number } }
  | {
      key: "minutesRange" | "minutesToHours" | "hoursRange";
      values: { low: number; high: number };
    };

/**
 * An estimated wait as a buyer reads it at a glance, and the screen reader reads the same:
 * nobody is told two figures. The rounding lives here; the words, in each language's
 * messages (`wait.*`).
 */
export function waitWords(estimate: WaitEstimate): WaitWords {
  if (estimate.kind === "next") return { key: "next" };
  if (estimate.kind === "unknown") return { key: "unknown" };
  const { lowSeconds, highSeconds } = estimate;
  if (highSeconds < 60) return { key: "underMinute" };
  const low = Math.max(1, Math.floor(lowSeconds / 60));
  const high = Math.max(low, Math.ceil(highSeconds / 60));
  if (high < 60) {
    return low === high
      ? { key: "aboutMinutes", values: { minutes: high } }
      : { key: "minutesRange", values: { low, high } };
  }
  // Nobody plans to the minute an hour ahead: half hours.
  const halfHours = (minutes: number, round: (value: number) => number) =>
    Math.max(0.5, round(minutes / 30) / 2);
  const lowHours = halfHours(low, Math.floor);
  const highHours = halfHours(high, Math.ceil);
  if (low < 60) return { key: "minutesToHours", values: { low, high: highHours } };
  return lowHours === highHours
    ? { key: "aboutHours", values: { hours: highHours } }
    : { key: "hoursRange", values: { low: lowHours, high: highHours } };
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
