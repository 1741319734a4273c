import "server-only";
import { getSeatMapLayout } from "../../seat-map/get-seat-map-layout";
import type { RememberedLayout } from "../../seat-map/layout-memo";
import { requireBuyer } from "./require-buyer";
import { requireWorkingToken } from "./require-working-token";

/**
 * The checks of every booking API of a schedule, cheapest first: a session, the
 * schedule (from the cache), then a working token for its performance.
 */
export async function requireBookingAccess({
  request,
  scheduleId,
}: {
  request: Request;
  scheduleId: string;
}): Promise<{ user: { id: string }; layout: RememberedLayout; tokenId: string }> {
  const user = await requireBuyer(request);
  const layout = await getSeatMapLayout({ scheduleId, current: false });
  const { tokenId } = await requireWorkingToken({
    headers: request.headers,
    userId: user.id,
    performanceId: layout.layout.performanceId,
    scheduleId,
  });
  return { user, layout, tokenId };
}
