import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { cancelSchedule } from "@/server/refunds/cancel-schedule";
import { getShowCancellation } from "@/server/refunds/get-show-cancellation";
import { cancelShowSchema } from "@/server/refunds/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/schedules/:id/cancellation: the show's cancellation and refund progress. */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ cancellation: await getShowCancellation({ scheduleId: id }) });
});

/** POST /api/admin/schedules/:id/cancellation {reason?}: cancels the show; 202. */
export const POST = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, cancelShowSchema);
  await cancelSchedule({ scheduleId: id, input });
  return jsonResponse(
    { cancellation: await getShowCancellation({ scheduleId: id }) },
    { status: 202 },
  );
});
