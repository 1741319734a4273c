import { INTL_LOCALES, type Locale } from "../i18n/locales";

/**
 * Minor units to an amount written for the buyer's language, in the currency's own digits:
 * 12000 EUR -> "€120.00", 55000 KRW -> "₩55,000" (KRW has no minor unit).
 */
export function formatMoney(amountMinor: number, currency: string, locale: Locale = "en"): string {
  const { format, digits } = moneyFormat(currency, locale);
  return format.format(amountMinor / 10 ** digits);
}

// Made once per language and currency: a seat map labels every seat with its price, and
// making an Intl.NumberFormat costs far more than using one.
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function moneyFormat(
  currency: string,
  locale: Locale,
): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale} ${currency}`;
  let entry = moneyFormats.get(key);
  if (!entry) {
    const format = new Intl.NumberFormat(INTL_LOCALES[locale], { style: "currency", currency });
    entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    moneyFormats.set(key, entry);
  }
  return entry;
}

// Made once per currency: an export calls plainAmount for every row.
const digitsByCurrency = new Map<string, number>();

/** How many minor digits a currency has, as Intl knows it: EUR 2, KRW and JPY 0. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** The sign an amount in this currency is written with in this language: "₩", "€", "US$". */
export function currencySymbol(currency: string, locale: Locale = "en"): string {
  const parts = new Intl.NumberFormat(INTL_LOCALES[locale], {
    style: "currency",
    currency,
  }).formatToParts(0);
  return parts.find((part) => part.type === "currency")?.value ?? currency;
}

/**
 * Minor units as a plain decimal in the currency's major unit, for files other programs
 * read (CSV) and form inputs: 12000 EUR -> "120.00", 55000 KRW -> "55000". No symbol, no
 * grouping.
 */
export function plainAmount(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

const showTimeFormats = new Map<string, Intl.DateTimeFormat>();

function showTimeFormat(timeZone: string, locale: Locale): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = showTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    });
    showTimeFormats.set(key, format);
  }
  return format;
}

/**
 * A show time as the venue's clock reads it, with the zone's abbreviation or UTC offset
 * as Intl names it and the zone itself, e.g. "Sun, 20 Dec 2026, 19:30 GMT+9 (Asia/Seoul)"
 * or "Sun, 20 Dec 2026, 11:30 CET (Europe/Paris)": a buyer travelling to the show needs
 * the local time there, not their own, and must not mistake it for their own. The one
 * formatter of show times (pages, mail, PDF): the zone is explicit, so the server's HTML and
 * the browser agree whatever zone either runs in. In Korean: "2026년 12월 20일 (일) 19:30
 * GMT+9 (Asia/Seoul)".
 */
export function formatShowTime(date: Date, timeZone: string, locale: Locale = "en"): string {
  const parts = showTimeFormat(timeZone, locale).formatToParts(date);
  const zoneName = parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  const local = parts
    .filter((part) => part.type !== "timeZoneName")
    .map((part) => part.value)
    .join("")
    .trim();
  return `${local} ${zoneName} (${timeZone})`;
}

/** Whether Intl knows the IANA time zone name (e.g. "Asia/Seoul"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA zones an organizer can pick for a hall: Intl's list, plus the hall's own
 * (e.g. "UTC", which Intl accepts but does not list) so editing never drops it.
 */
export function timeZoneNames(current?: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}
