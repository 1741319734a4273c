import { requireBuyer } from "@/server/booking/gate/require-buyer";
import { getMyPseudonym } from "@/server/fairness/get-my-pseudonym";
import { fairnessParamsSchema } from "@/server/fairness/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/performances/:slug/fairness/me: the signed-in buyer's id in the fairness record. */
export const GET = route(async (request, { params }: { params: Promise<{ slug: string }> }) => {
  const user = await requireBuyer(request);
  const { slug } = parseParams(await params, fairnessParamsSchema);
  return jsonResponse(await getMyPseudonym({ slug, userId: user.id }));
});
