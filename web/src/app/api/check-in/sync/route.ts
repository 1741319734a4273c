import { requireDoorStaff } from "@/server/auth/session";
import { offlineScansSchema } from "@/server/check-in/schemas";
import { syncOfflineScans } from "@/server/check-in/sync-offline-scans";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** POST /api/check-in/sync: the scans a door made offline, recorded when it is back. */
export const POST = route(async (request) => {
  const staff = await requireDoorStaff();
  const body = await parseJsonBody(request, offlineScansSchema);
  return jsonResponse(await syncOfflineScans({ ...body, staffUserId: staff.id }));
});
