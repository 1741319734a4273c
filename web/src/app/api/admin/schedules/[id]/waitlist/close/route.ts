import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { closeShowWaitlist } from "@/server/waitlist/close-show-waitlist";

interface Context {
  params: Promise<{ id: string }>;
}

/** POST /api/admin/schedules/:id/waitlist/close: nobody joins, no more offers go out. */
export const POST = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  return jsonResponse({ waitlist: await closeShowWaitlist({ scheduleId: id }) });
});
