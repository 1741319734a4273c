import { createHold } from "@/server/booking/create-hold";
import { getOpenHold } from "@/server/booking/get-open-hold";
import { requireBookingAccess } from "@/server/booking/gate/require-booking-access";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { bookingMetrics } from "@/server/metrics";
import { requireBuyer } from "@/server/booking/gate/require-buyer";
import { holdRequestSchema, scheduleParamsSchema } from "@/server/booking/schemas";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ scheduleId: string }> };

/** POST a hold of one or more seats (all or nothing). Needs a working token. */
export const POST = route(
  async (request: Request, context: Context) => {
    const { scheduleId } = parseParams(await context.params, scheduleParamsSchema);
    const { user, layout, tokenId } = await requireBookingAccess({
      request,
      scheduleId,
    });
    const { seatIds } = await parseJsonBody(request, holdRequestSchema);
    const hold = await createHold({ userId: user.id, layout, seatIds, tokenId });
    bookingMetrics.holdsCreated.inc();
    return jsonResponse(hold, { status: 201 });
  },
  { bookingStep: true },
);

/** GET the buyer's own open hold on this schedule (null when none), e.g. after a reload. */
export const GET = route(async (request: Request, context: Context) => {
  const { scheduleId } = parseParams(await context.params, scheduleParamsSchema);
  const user = await requireBuyer(request);
  return jsonResponse({ hold: await getOpenHold({ userId: user.id, scheduleId }) });
});
