import { getSaleFairness } from "@/server/fairness/get-sale-fairness";
import { fairnessParamsSchema } from "@/server/fairness/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/performances/:slug/fairness: the commitment, and after the opening the reveal. */
export const GET = route(async (_request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = parseParams(await params, fairnessParamsSchema);
  return jsonResponse({ fairness: await getSaleFairness({ slug }) });
});
