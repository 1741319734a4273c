import { z } from "zod";
import { requireUser } from "@/server/auth/session";
import { listMyReservations } from "@/server/reservations/list-my-reservations";
import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

/** GET /api/me/reservations?limit=50: the signed-in buyer's own reservations, newest first. */
export const GET = route(async (request) => {
  const user = await requireUser();
  const { limit } = parseSearchParams(request, querySchema);
  return jsonResponse(await listMyReservations({ userId: user.id, limit }));
});
