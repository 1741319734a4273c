import { requireAdmin } from "@/server/auth/session";
import { createSchedule } from "@/server/admin/create-schedule";
import { idParamsSchema, scheduleCreateSchema } from "@/server/admin/schemas";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** POST /api/admin/performances/:id/schedules {startsAt, bands: [{gradeId, fromRow, toRow}]} */
export const POST = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, scheduleCreateSchema);
  const schedule = await createSchedule({ performanceId: id, input });
  return jsonResponse({ schedule }, { status: 201 });
});
