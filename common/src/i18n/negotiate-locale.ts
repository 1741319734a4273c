import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locales";

/**
 * The language a page speaks: the one the buyer chose (the cookie), else the first of the
 * browser's languages (Accept-Language, by quality) we speak, else English. A regional tag
 * counts for its language ("ko-KR" is Korean); a malformed header counts as none.
 */
export function negotiateLocale({
  cookie,
  acceptLanguage,
}: {
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of preferredLanguages(acceptLanguage ?? "")) {
    if (tag === "*") return DEFAULT_LOCALE;
    const language = tag.split("-")[0] ?? "";
    const match = LOCALES.find((locale) => locale === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** Accept-Language's tags, best first; equal qualities keep the header's order. */
function preferredLanguages(header: string): string[] {
  return header
    .split(",")
    .slice(0, 32)
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const qParam = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim().toLowerCase(), quality, index };
    })
    .filter(({ tag, quality }) => tag !== "" && Number.isFinite(quality) && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map(({ tag }) => tag);
}
