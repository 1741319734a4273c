import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { acceptWaitlistOffer } from "@/server/waitlist/accept-waitlist-offer";

export const dynamic = "force-dynamic";

/**
 * Takes the caller's waitlist offer: its seats become their hold, paid at checkout. The
 * offer is the entitlement: no place in the queue needed.
 */
export const POST = route(
  async (_request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    return jsonResponse({ offer: await acceptWaitlistOffer({ userId: user.id, reservationId }) });
  },
);
