import "server-only";

const HOUR = 3_600_000;

/** A new performance's starting values: sale opens tomorrow on the hour, runs 30 days. */
export function suggestBookingWindow(now = new Date()): { opensAt: Date; closesAt: Date } {
  const nextHour = Math.ceil(now.getTime() / HOUR) * HOUR;
  return { opensAt: new Date(nextHour + 24 * HOUR), closesAt: new Date(nextHour + 30 * 24 * HOUR) };
}
