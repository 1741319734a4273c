import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { getSaleReport } from "@/server/fairness/get-sale-report";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/fairness-report: the sale's fairness figures, live. */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({
    report: await getSaleReport({ performanceId: id, audience: "organizer" }),
  });
});
