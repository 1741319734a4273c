import { requireAdmin } from "@/server/auth/session";
import { getAdminPerformance } from "@/server/admin/get-admin-performance";
import { idParamsSchema, performanceUpdateSchema } from "@/server/admin/schemas";
import { updatePerformance } from "@/server/admin/update-performance";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id: fields, grades, schedules and queue settings. */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ performance: await getAdminPerformance({ id }) });
});

/** PATCH /api/admin/performances/:id: any subset of the fields, saleStatus included. */
export const PATCH = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, performanceUpdateSchema);
  return jsonResponse({ performance: await updatePerformance({ id, input }) });
});
