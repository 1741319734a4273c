import { requireDoorStaff } from "@/server/auth/session";
import { checkInTicket } from "@/server/check-in/check-in-ticket";
import { checkInRequestSchema } from "@/server/check-in/schemas";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** POST /api/check-in: one scan at a door; the verdict, whatever it is, answers 200. */
export const POST = route(async (request) => {
  const staff = await requireDoorStaff();
  const scan = await parseJsonBody(request, checkInRequestSchema);
  return jsonResponse(await checkInTicket({ scan, staffUserId: staff.id }));
});
