import "server-only";
import type { SeatMapLayout } from "./types";

export interface RememberedLayout {
  build: string;
  json: string;
  layout: SeatMapLayout;
  indexById: Map<string, number>;
}

/** Enough for every schedule on sale at once; the oldest entry goes first. */
const MAX_ENTRIES = 500;
const layouts = new Map<string, RememberedLayout>();

/**
 * Parsed layouts by schedule, so a seat-map read moves and parses the (large, static)
 * layout only when its build changes, not on every poll.
 */
export function rememberLayout(scheduleId: string, build: string, json: string): RememberedLayout {
  const layout = JSON.parse(json) as SeatMapLayout;
  const entry: RememberedLayout = {
    build,
    json,
    layout,
    indexById: new Map(layout.seats.map(([id], index) => [id, index])),
  };
  layouts.delete(scheduleId);
  layouts.set(scheduleId, entry);
  if (layouts.size > MAX_ENTRIES) {
    const oldest = layouts.keys().next();
    if (!oldest.done) layouts.delete(oldest.value);
  }
  return entry;
}

export function recallLayout(scheduleId: string): RememberedLayout | undefined {
  return layouts.get(scheduleId);
}
