import { requireAdmin } from "@/server/auth/session";
import { getPerformanceStats } from "@/server/admin/get-performance-stats";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/stats: one live sample (seats, revenue, waiting room). */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ stats: await getPerformanceStats({ performanceId: id }) });
});
