import { requireDoorStaff } from "@/server/auth/session";
import { listDoorTickets } from "@/server/check-in/list-door-tickets";
import { doorQuerySchema } from "@/server/check-in/schemas";
import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/check-in/tickets?scheduleId=: the show's tickets and keys, for an offline door. */
export const GET = route(async (request) => {
  await requireDoorStaff();
  return jsonResponse(await listDoorTickets(parseSearchParams(request, doorQuerySchema)));
});
