import { requireAdmin } from "@/server/auth/session";
import { createPerformance } from "@/server/admin/create-performance";
import { listAdminPerformances } from "@/server/admin/list-admin-performances";
import { performanceCreateSchema } from "@/server/admin/schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/admin/performances: all of them, drafts included. */
export const GET = route(async () => {
  await requireAdmin();
  return jsonResponse({ performances: await listAdminPerformances() });
});

/** POST /api/admin/performances: a performance with its grades. */
export const POST = route(async (request) => {
  await requireAdmin();
  const input = await parseJsonBody(request, performanceCreateSchema);
  return jsonResponse({ performance: await createPerformance({ input }) }, { status: 201 });
});
