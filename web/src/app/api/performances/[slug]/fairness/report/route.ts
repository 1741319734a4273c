import { findSale } from "@/server/fairness/find-sale";
import { getPublicSaleReport } from "@/server/fairness/get-public-sale-report";
import { fairnessParamsSchema } from "@/server/fairness/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/performances/:slug/fairness/report: the sale's fairness figures, once it closed. */
export const GET = route(async (_request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = parseParams(await params, fairnessParamsSchema);
  const { performanceId } = await findSale({ slug });
  return jsonResponse({ report: await getPublicSaleReport({ performanceId }) });
});
