import { AppError } from "@ticketping/common/errors";
import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { getHallPlan } from "@/server/hall-plan/get-hall-plan";
import { hallPlanSchema } from "@/server/hall-plan/schemas";
import { setHallPlan } from "@/server/hall-plan/set-hall-plan";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/halls/:id/plan */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const hall = await getHallPlan({ id });
  if (!hall) throw new AppError("NOT_FOUND", `no hall ${id}`);
  return jsonResponse({ hall });
});

/** PUT /api/admin/halls/:id/plan {aisleAfterRows, aisleAfterColumns, sections} */
export const PUT = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const plan = await parseJsonBody(request, hallPlanSchema);
  return jsonResponse({ hall: await setHallPlan({ id, plan }) });
});
