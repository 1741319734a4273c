import { requireAdmin } from "@/server/auth/session";
import { createHall } from "@/server/admin/create-hall";
import { listHalls } from "@/server/admin/list-halls";
import { hallCreateSchema } from "@/server/admin/schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/admin/halls */
export const GET = route(async () => {
  await requireAdmin();
  return jsonResponse({ halls: await listHalls() });
});

/** POST /api/admin/halls {name, address, rows, columns, timeZone?, plan?} */
export const POST = route(async (request) => {
  await requireAdmin();
  const input = await parseJsonBody(request, hallCreateSchema);
  return jsonResponse({ hall: await createHall({ input }) }, { status: 201 });
});
