import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { getAdminWaitlist } from "@/server/waitlist/get-admin-waitlist";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/schedules/:id/waitlist: the show's waitlist length, offers, closed or not. */
export const GET = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ waitlist: await getAdminWaitlist({ scheduleId: id }) });
});
