import { getPerformance } from "@/server/performances/get-performance";
import { performanceParamsSchema } from "@/server/performances/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/performances/:slug: schedules with seats left, grades, hall and sale phase. */
export const GET = route(async (_request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = parseParams(await params, performanceParamsSchema);
  const performance = await getPerformance({ slug });
  return jsonResponse({ performance });
});
