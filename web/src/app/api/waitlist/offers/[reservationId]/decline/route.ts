import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { declineWaitlistOffer } from "@/server/waitlist/decline-waitlist-offer";

export const dynamic = "force-dynamic";

/** Declines the caller's waitlist offer: the seats go to the next entry that fits. */
export const POST = route(
  async (_request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    return jsonResponse(await declineWaitlistOffer({ userId: user.id, reservationId }));
  },
);
