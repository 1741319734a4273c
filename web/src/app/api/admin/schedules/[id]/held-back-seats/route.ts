import { requireAdmin } from "@/server/auth/session";
import { getShowSeats } from "@/server/admin/get-show-seats";
import { heldBackSeatsChangeSchema, idParamsSchema } from "@/server/admin/schemas";
import { setHeldBackSeats } from "@/server/admin/set-held-back-seats";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/schedules/:id/held-back-seats: the show's seats, held-back ones marked. */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ seats: await getShowSeats({ scheduleId: id }) });
});

/** POST /api/admin/schedules/:id/held-back-seats {seatIds, heldBack}: off sale or back on. */
export const POST = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, heldBackSeatsChangeSchema);
  await setHeldBackSeats({ scheduleId: id, input });
  return jsonResponse({ seats: await getShowSeats({ scheduleId: id }) });
});
