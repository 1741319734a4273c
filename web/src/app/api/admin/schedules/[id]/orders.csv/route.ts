import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams, parseSearchParams } from "@/server/http/parse";
import { csvResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { exportOrdersCsv } from "@/server/orders/export-orders-csv";
import { ordersExportQuerySchema } from "@/server/orders/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/schedules/:id/orders.csv?q=&status=: the show's orders as a streamed CSV file. */
export const GET = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const query = parseSearchParams(request, ordersExportQuerySchema);
  const { fileName, body } = await exportOrdersCsv({ scope: { schedule: id }, query });
  return csvResponse(fileName, body);
});
