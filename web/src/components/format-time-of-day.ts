import { INTL_LOCALES, type Locale } from "@ticketping/common/i18n";

const formats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * "14:05 UTC": when something ends within the next hours (a hold, a booking slot). UTC, as
 * the server renders it, so the server's HTML and the browser's render agree; in the
 * buyer's language.
 */
export function formatTimeOfDay(date: Date, locale: Locale = "en"): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "UTC",
      timeZoneName: "short",
    });
    formats.set(locale, format);
  }
  return format.format(date);
}
