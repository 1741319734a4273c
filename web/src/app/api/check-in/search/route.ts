import { requireDoorStaff } from "@/server/auth/session";
import { doorSearchQuerySchema } from "@/server/check-in/schemas";
import { searchDoorTickets } from "@/server/check-in/search-door-tickets";
import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/check-in/search?scheduleId=&q=: a show's tickets by holder or seat. */
export const GET = route(async (request) => {
  await requireDoorStaff();
  const query = parseSearchParams(request, doorSearchQuerySchema);
  return jsonResponse({ tickets: await searchDoorTickets(query) });
});
