import { requireUser } from "@/server/auth/session";
import { listMyReservations } from "@/server/reservations/list-my-reservations";
import { myReservationsQuerySchema } from "@/server/reservations/schemas";
import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** GET /api/me/reservations?limit=50: the signed-in buyer's own reservations, newest first. */
export const GET = route(async (request) => {
  const user = await requireUser();
  const { limit } = parseSearchParams(request, myReservationsQuerySchema);
  return jsonResponse(await listMyReservations({ userId: user.id, limit }));
});
