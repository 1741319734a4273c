import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./messages";
import { getRequestLocale } from "./request-locale";

// No locale in the URL: every page speaks the language the request negotiates. Times are
// formatted with an explicit zone (the venue's), so the default zone here is only a floor.
export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return { locale, messages: await loadMessages[locale](), timeZone: "UTC" };
});
