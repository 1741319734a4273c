import { verifyEmailSchema } from "@/server/accounts/verification-schema";
import { verifyEmail } from "@/server/accounts/verify-email";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** POST /api/auth/verify-email {token}: spends a verification link and confirms its address. */
export const POST = route(async (request) => {
  const input = await parseJsonBody(request, verifyEmailSchema);
  return jsonResponse(await verifyEmail(input));
});
