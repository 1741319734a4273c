import "server-only";
import { getSeatMap } from "./get-seat-map";
import { recallLayout } from "./layout-memo";
import type { SeatMapLayout } from "./types";

/**
 * A schedule's layout. `current: false` accepts this process's parsed copy (its
 * performance and seats never change), which costs nothing; `current: true` makes sure it
 * is the cached map's present build (limits and grades an organizer may have edited).
 */
export async function getSeatMapLayout({
  scheduleId,
  current,
}: {
  scheduleId: string;
  current: boolean;
}): Promise<SeatMapLayout> {
  if (!current) {
    const remembered = recallLayout(scheduleId);
    if (remembered) return remembered.layout;
  }
  const map = await getSeatMap({ scheduleId });
  if (map.kind === "map") return map.layout.layout;
  // Unreachable without a known version; read once more without trusting anything.
  throw new Error("seat map read returned no map");
}
