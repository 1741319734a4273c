import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams, parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { listAttendees } from "@/server/orders/list-attendees";
import { attendeesQuerySchema } from "@/server/orders/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/attendees?q=&status=&checkedIn=&cursor=&limit=: a page of every show's attendees of the performance. */
export const GET = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const query = parseSearchParams(request, attendeesQuerySchema);
  return jsonResponse(await listAttendees({ scope: { performance: id }, query }));
});
