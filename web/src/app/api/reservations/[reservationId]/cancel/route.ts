import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { cancelReservation } from "@/server/payments/cancel-reservation";

export const dynamic = "force-dynamic";

/**
 * The buyer cancels confirmed tickets before the show: the seats go back on sale at once
 * and the payment is refunded. No working token needed (this is not booking).
 */
export const POST = route(
  async (_request: Request, context: { params: Promise<{ reservationId: string }> }) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    return jsonResponse(await cancelReservation({ userId: user.id, reservationId }));
  },
);
