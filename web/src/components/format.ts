import { INTL_LOCALES, type Locale } from "@ticketping/common/i18n";

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language, zone and kind: a catalog page formats many dates. */
function formatFor(
  kind: "date" | "dateTime",
  locale: Locale,
  timeZone: string,
): Intl.DateTimeFormat {
  const key = `${kind} ${locale} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      INTL_LOCALES[locale],
      kind === "date"
        ? { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone }
        : {
            day: "numeric",
            month: "short",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
            timeZone,
            timeZoneName: "short",
          },
    );
    formats.set(key, format);
  }
  return format;
}

/**
 * Dates of a performance, in the buyer's language and on the venue's clock (`timeZone`, the
 * hall's) when the caller knows it. The zone is always explicit, so the server's HTML and
 * the browser's render agree.
 */
export function formatDate(date: Date, locale: Locale = "en", timeZone = "UTC"): string {
  return formatFor("date", locale, timeZone).format(date);
}

export function formatDateTime(date: Date, locale: Locale = "en", timeZone = "UTC"): string {
  return formatFor("dateTime", locale, timeZone).format(date);
}

export function formatDateRange(
  first: Date,
  last: Date,
  locale: Locale = "en",
  timeZone = "UTC",
): string {
  const from = formatDate(first, locale, timeZone);
  const to = formatDate(last, locale, timeZone);
  return from === to ? from : `${from} – ${to}`;
}

export { formatMoney } from "@ticketping/common/format";
