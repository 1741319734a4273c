import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams, parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { listOrders } from "@/server/orders/list-orders";
import { ordersQuerySchema } from "@/server/orders/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/orders?q=&status=&cursor=&limit=: a page of every show's orders of the performance. */
export const GET = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const query = parseSearchParams(request, ordersQuerySchema);
  return jsonResponse(await listOrders({ scope: { performance: id }, query }));
});
