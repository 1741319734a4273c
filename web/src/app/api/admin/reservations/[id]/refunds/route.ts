import { requireAdmin } from "@/server/auth/session";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { refundOrder } from "@/server/refunds/refund-order";
import { refundOrderSchema, reservationIdParamsSchema } from "@/server/refunds/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** POST /api/admin/reservations/:id/refunds {seatIds?, releaseSeats, reason?}: 202, the refund asked for. */
export const POST = route(async (request, { params }: Context) => {
  const organizer = await requireAdmin();
  const { id } = parseParams(await params, reservationIdParamsSchema);
  const input = await parseJsonBody(request, refundOrderSchema);
  const refund = await refundOrder({ reservationId: id, input, organizerId: organizer.id });
  return jsonResponse({ refund }, { status: 202 });
});
