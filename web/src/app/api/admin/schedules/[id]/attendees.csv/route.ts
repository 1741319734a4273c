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

/** GET /api/admin/schedules/:id/attendees.csv?q=&status=&checkedIn=: the show's attendees as a streamed CSV file. */
export const GET = route(async (request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, idParamsSchema);
  const query = parseSearchParams(request, attendeesExportQuerySchema);
  const { fileName, body } = await exportAttendeesCsv({ scope: { schedule: id }, query });
  return csvResponse(fileName, body);
});
