const timeOfDayFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/**
 * "14:05 UTC": when something ends within the next hours (a hold, a booking slot). UTC, as
 * every other date on the site, so the server's HTML and the browser's render agree.
 */
export function formatTimeOfDay(date: Date): string {
  return timeOfDayFormat.format(date);
}
