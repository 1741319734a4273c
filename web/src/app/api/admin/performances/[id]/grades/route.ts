import { requireAdmin } from "@/server/auth/session";
import { createGrade } from "@/server/admin/create-grade";
import { gradeSchema, idParamsSchema } from "@/server/admin/schemas";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** POST /api/admin/performances/:id/grades {name, priceMinor, colour, sortOrder?}, priced in the performance's currency */
export const POST = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, gradeSchema);
  return jsonResponse({ grade: await createGrade({ performanceId: id, input }) }, { status: 201 });
});
