import { requireAdmin } from "@/server/auth/session";
import { listChartSamples } from "@/server/admin/list-chart-samples";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/stats/history: the live charts' recent samples, oldest first. */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ samples: await listChartSamples({ performanceId: id }) });
});
