import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { createPresaleCodes } from "@/server/presale/create-presale-codes";
import { listPresaleCodes } from "@/server/presale/list-presale-codes";
import { presaleCodesCreateSchema } from "@/server/presale/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/presale-codes: the codes with their uses (never the codes). */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ codes: await listPresaleCodes({ performanceId: id }) });
});

/** POST /api/admin/performances/:id/presale-codes: new codes, shown in full this once. */
export const POST = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, presaleCodesCreateSchema);
  return jsonResponse(await createPresaleCodes({ performanceId: id, input }), { status: 201 });
});
