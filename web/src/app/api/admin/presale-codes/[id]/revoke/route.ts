import { requireAdmin } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { revokePresaleCode } from "@/server/presale/revoke-presale-code";
import { presaleCodeParamsSchema } from "@/server/presale/schemas";

interface Context {
  params: Promise<{ id: string }>;
}

/** POST /api/admin/presale-codes/:id/revoke: neither door nor the claim takes it any more. */
export const POST = route(async (_request, { params }: Context) => {
  await requireAdmin();
  const { id } = parseParams(await params, presaleCodeParamsSchema);
  return jsonResponse({ code: await revokePresaleCode({ id }) });
});
