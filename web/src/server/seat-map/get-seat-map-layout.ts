import "server-only";
import { getSeatMap } from "./get-seat-map";
import { recallLayout, type RememberedLayout } from "./layout-memo";

/**
 * A schedule's layout as this process remembers it: parsed, with its seat index.
 * `current: false` accepts this process's copy (its performance and seats never change),
 * which costs nothing; `current: true` makes sure it is the cached map's present build
 * (limits and grades an organizer may have edited).
 */
export async function getSeatMapLayout({
  scheduleId,
  current,
}: {
  scheduleId: string;
  current: boolean;
}): Promise<RememberedLayout> {
  if (!current) {
    const remembered = recallLayout(scheduleId);
    if (remembered) return remembered;
  }
  const map = await getSeatMap({ scheduleId });
  if (map.kind === "map") return map.layout;
  // Unreachable without a known version; read once more without trusting anything.
  throw new Error("seat map read returned no map");
}
