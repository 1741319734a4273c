import { z } from "zod";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALES } from "@ticketping/common/i18n";
import { setUserLocale } from "@/server/accounts/set-user-locale";
import { getSessionUser } from "@/server/auth/session";
import { parseFormBody } from "@/server/http/parse";
import { route } from "@/server/http/route";
import { returnPathOf } from "@/server/http/return-path-of";

export const dynamic = "force-dynamic";

const formSchema = z.object({ locale: z.enum(LOCALES) });

/**
 * The language switcher's form (a plain POST, so it works before any script loads): keeps
 * the choice in a cookie for a year, on the account too when someone is signed in (mail
 * speaks it), and sends the browser back to the page it came from.
 */
export const POST = route(async (request: Request) => {
  const { locale } = await parseFormBody(request, formSchema);
  const user = await getSessionUser();
  if (user) await setUserLocale({ userId: user.id, locale });
  return new Response(null, {
    status: 303,
    headers: {
      location: returnPathOf(request),
      "set-cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_S}; SameSite=Lax`,
      "cache-control": "no-store",
    },
  });
});
