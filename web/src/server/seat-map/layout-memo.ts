import "server-only";
import { createBoundedCache } from "@ticketping/common/cache";
import type { SeatMapLayout } from "./types";

export interface RememberedLayout {
  build: string;
  json: string;
  layout: SeatMapLayout;
  indexById: Map<string, number>;
}

/** Enough for every schedule on sale at once; the oldest entry goes first. */
const layouts = createBoundedCache<string, RememberedLayout>({ maxEntries: 500 });

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
  layouts.set(scheduleId, entry);
  return entry;
}

export function recallLayout(scheduleId: string): RememberedLayout | undefined {
  return layouts.get(scheduleId);
}
