import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { getWaitlistOffer } from "@/server/waitlist/get-waitlist-offer";

export const dynamic = "force-dynamic";

/** One of the caller's waitlist offers; anyone else's is NOT_FOUND. */
export const GET = route(
  async (_request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    return jsonResponse({ offer: await getWaitlistOffer({ userId: user.id, reservationId }) });
  },
);
