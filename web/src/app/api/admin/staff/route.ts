import { requireAdmin } from "@/server/auth/session";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { grantDoorStaff } from "@/server/staff/grant-door-staff";
import { listDoorStaff } from "@/server/staff/list-door-staff";
import { grantDoorStaffSchema } from "@/server/staff/schemas";

/** GET /api/admin/staff: the accounts with the STAFF role. */
export const GET = route(async () => {
  await requireAdmin();
  return jsonResponse({ staff: await listDoorStaff() });
});

/** POST /api/admin/staff {email}: makes an existing buyer's account door staff. */
export const POST = route(async (request) => {
  await requireAdmin();
  const { email } = await parseJsonBody(request, grantDoorStaffSchema);
  return jsonResponse({ member: await grantDoorStaff({ email }) });
});
