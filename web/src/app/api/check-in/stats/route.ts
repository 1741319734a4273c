import { requireDoorStaff } from "@/server/auth/session";
import { doorStats } from "@/server/check-in/door-stats";
import { doorQuerySchema } from "@/server/check-in/schemas";
import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/check-in/stats?scheduleId=: admitted against sold, per gate. */
export const GET = route(
  async (request) => {
    await requireDoorStaff();
    return jsonResponse(await doorStats(parseSearchParams(request, doorQuerySchema)));
  },
  // Every door polls it every few seconds.
  { accessLog: "debug" },
);
