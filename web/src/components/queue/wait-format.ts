/** An estimated wait in words a buyer reads at a glance; null while there is no pace yet. */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return "Estimating…";
  if (seconds < 60) return "Under 1 min";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `About ${minutes} min`;
  // Short enough for a phone's tile; nobody plans to the minute an hour ahead.
  const halfHours = Math.round(minutes / 30) / 2;
  return `About ${halfHours} h`;
}

/**
 * How far along the line the buyer is, as a percentage that never shows 0 (they are in
 * line) nor 100 before admission: from the furthest place back this page saw to the front.
 */
export function lineProgressPercent(position: number, startPosition: number): number {
  const start = Math.max(startPosition, position, 1);
  return Math.round((100 * (start - position + 1)) / (start + 1));
}

/** The "people ahead" figure: everyone before this buyer's place. */
export function peopleAhead(position: number): number {
  return Math.max(0, position - 1);
}
