/** The languages the site and its mail speak; the first is the fallback. */
export const LOCALES = ["en", "ko"] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/**
 * The cookie that remembers a buyer's choice of language (set by the language switcher).
 * Not httpOnly: it holds nothing secret, and a page may read it.
 */
export const LOCALE_COOKIE = "ticketping-locale";

/** A year: a language choice is not worth asking again. */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The Intl locale each language formats with. English keeps en-GB's day-month order and
 * 24-hour clock, which the site used before it spoke Korean.
 */
export const INTL_LOCALES: Record<Locale, string> = { en: "en-GB", ko: "ko-KR" };
