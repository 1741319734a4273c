const HOUR_MS = 3_600_000;

/** Shows start at 19:00 UTC, `days` days from `now`'s date. */
export function showStart(now: Date, days: number): Date {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  date.setUTCHours(19);
  return date;
}

/** `hours` from now, on the whole hour, so re-seeding within the hour changes nothing. */
export function hoursFromNow(now: Date, hours: number): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + hours * HOUR_MS);
}

export function hoursBefore(date: Date, hours: number): Date {
  return new Date(date.getTime() - hours * HOUR_MS);
}
