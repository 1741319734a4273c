import { requireAdmin } from "@/server/auth/session";
import { deleteGrade } from "@/server/admin/delete-grade";
import { gradeUpdateSchema, idParamsSchema } from "@/server/admin/schemas";
import { updateGrade } from "@/server/admin/update-grade";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** PATCH /api/admin/grades/:id {name?, priceMinor?, colour?, sortOrder?} */
export const PATCH = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, gradeUpdateSchema);
  return jsonResponse({ grade: await updateGrade({ id, input }) });
});

/** DELETE /api/admin/grades/:id: only while no seat uses it. */
export const DELETE = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  await deleteGrade({ id });
  return jsonResponse({ deleted: id });
});
