import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema, queueSettingsSchema } from "@/server/admin/schemas";
import { updateQueueSettings } from "@/server/admin/update-queue-settings";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

interface Context {
  params: Promise<{ id: string }>;
}

/** PUT /api/admin/performances/:id/queue-settings {maxActive, admitRatePerSec, tokenTtlSeconds, refuseRatio} */
export const PUT = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const input = await parseJsonBody(request, queueSettingsSchema);
  return jsonResponse({ queue: await updateQueueSettings({ performanceId: id, input }) });
});
