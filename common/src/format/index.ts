/** Minor units to a localised amount, e.g. 12000 EUR -> "€120.00", 55000 KRW -> "₩55,000". */
export function formatMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat("en-GB", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/**
 * A show time as the venue's clock reads it, e.g. "Sun, 20 Dec 2026, 19:30 (Asia/Seoul)":
 * a buyer travelling to the show needs the local time there, not their own.
 */
export function formatShowTime(date: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
  return `${local} (${timeZone})`;
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
