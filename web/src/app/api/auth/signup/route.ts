import { getRequestLocale } from "@/i18n/request-locale";
import { signUp } from "@/server/accounts/sign-up";
import { signUpSchema } from "@/server/accounts/sign-up-schema";
import { clientIp } from "@/server/http/client-ip";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/**
 * POST /api/auth/signup: creates a buyer account; the client then signs in. The account
 * keeps the language the site speaks to the browser (its choice, else its own languages).
 */
export const POST = route(async (request) => {
  const input = await parseJsonBody(request, signUpSchema);
  const user = await signUp({
    input,
    ip: clientIp(request.headers),
    locale: await getRequestLocale(),
  });
  return jsonResponse({ user }, { status: 201 });
});
