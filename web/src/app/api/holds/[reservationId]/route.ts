import { releaseHold } from "@/server/booking/release-hold";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { bookingMetrics } from "@/server/metrics";
import { requireBuyer } from "@/server/booking/gate/require-buyer";
import { reservationParamsSchema } from "@/server/reservations/schemas";

export const dynamic = "force-dynamic";

/**
 * DELETE releases the buyer's own hold. No working token needed: giving seats back must
 * work even after the buyer's booking slot ran out.
 */
export const DELETE = route(
  async (request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireBuyer(request);
    const released = await releaseHold({ userId: user.id, reservationId });
    bookingMetrics.holdsReleased.inc();
    return jsonResponse(released);
  },
);
