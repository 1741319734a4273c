import { requireAdmin } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { revokeDoorStaff } from "@/server/staff/revoke-door-staff";
import { doorStaffParamsSchema } from "@/server/staff/schemas";

interface Context {
  params: Promise<{ userId: string }>;
}

/** DELETE /api/admin/staff/:userId: door staff back to a buyer. */
export const DELETE = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { userId } = parseParams(await params, doorStaffParamsSchema);
  await revokeDoorStaff({ userId });
  return jsonResponse({ revoked: userId });
});
