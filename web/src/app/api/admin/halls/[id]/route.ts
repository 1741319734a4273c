import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema, hallUpdateSchema } from "@/server/admin/schemas";
import { updateHall } from "@/server/admin/update-hall";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** PATCH /api/admin/halls/:id {name?, address?, rows?, columns?} */
export const PATCH = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, hallUpdateSchema);
  return jsonResponse({ hall: await updateHall({ id, input }) });
});
