import { revokeSessions } from "@/server/accounts/revoke-sessions";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { requireUser } from "@/server/auth/session";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

const secureCookie = SESSION_COOKIE.startsWith("__Secure-");

/**
 * POST /api/me/sessions/revoke: signs the caller out everywhere, on every device, this
 * browser included (its cookie is cleared too).
 */
export const POST = route(async () => {
  const user = await requireUser();
  return jsonResponse(await revokeSessions({ userId: user.id }), {
    headers: {
      "set-cookie": `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secureCookie ? "; Secure" : ""}`,
    },
  });
});
