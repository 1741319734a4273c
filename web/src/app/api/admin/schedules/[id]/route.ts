import { requireAdmin } from "@/server/auth/session";
import { deleteSchedule } from "@/server/admin/delete-schedule";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** DELETE /api/admin/schedules/:id: refused (409) once any reservation exists. */
export const DELETE = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  await deleteSchedule({ id });
  return jsonResponse({ deleted: id });
});
