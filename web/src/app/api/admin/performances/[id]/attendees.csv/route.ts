import { requireAdmin } from "@/server/auth/session";
import { idParamsSchema } from "@/server/admin/schemas";
import { parseParams, parseSearchParams } from "@/server/http/parse";
import { csvResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { exportAttendeesCsv } from "@/server/orders/export-attendees-csv";
import { attendeesExportQuerySchema } from "@/server/orders/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** GET /api/admin/performances/:id/attendees.csv?q=&status=&checkedIn=: every show's attendees of the performance as a streamed CSV file. */
export const GET = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const query = parseSearchParams(request, attendeesExportQuerySchema);
  const { fileName, body } = await exportAttendeesCsv({ scope: { performance: id }, query });
  return csvResponse(fileName, body);
});
