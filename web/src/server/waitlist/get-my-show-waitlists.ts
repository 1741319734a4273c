import "server-only";
import { getShowWaitlist } from "./get-show-waitlist";
import type { ShowWaitlist } from "./schemas";

/**
 * The signed-in buyer's view of each of these shows' waitlists, by schedule id, so a page
 * shows from its first paint that the buyer already joined (quantity, place, a way to
 * leave) instead of offering to join again. Nobody signed in: none.
 */
export async function getMyShowWaitlists({
  userId,
  scheduleIds,
}: {
  userId: string | null;
  scheduleIds: string[];
}): Promise<Map<string, ShowWaitlist>> {
  if (userId === null || scheduleIds.length === 0) return new Map();
  const waitlists = await Promise.all(
    scheduleIds.map((scheduleId) => getShowWaitlist({ scheduleId, userId })),
  );
  return new Map(waitlists.map((waitlist) => [waitlist.scheduleId, waitlist]));
}
