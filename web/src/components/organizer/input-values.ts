import { currencyDigits, plainAmount } from "@ticketping/common/format";

// Conversions between API values and what form inputs hold. Organizer times are entered
// and shown in UTC, like every time on the site, so nobody's browser zone shifts a sale.

/** A Date or ISO string to a datetime-local value in UTC, e.g. "2026-12-31T19:00". */
export function toUtcInput(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 16);
}

/** A datetime-local value read as UTC, to an ISO string; null when empty or malformed. */
export function fromUtcInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * A price typed in the currency's major unit to its minor units, exactly (no floating
 * point): "45.5" EUR -> 4550, "55000" KRW -> 55000. null for anything else, including
 * more decimals than the currency has (KRW and JPY take whole numbers only).
 */
export function majorToMinor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = /^\s*(\d{1,9})(?:[.,](\d+))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** Minor units as the form shows them: 1999 EUR -> "19.99", 55000 KRW -> "55000". */
export function minorToMajor(minor: number, currency: string): string {
  return plainAmount(minor, currency);
}

/** An example price in the currency's own digits, for placeholders and field errors. */
export function pricePlaceholder(currency: string): string {
  return currencyDigits(currency) === 0 ? "55000" : "45.50";
}

/**
 * A typed price written with another currency's digits when the organizer switches
 * currency ("80.00" becomes "80" in KRW, "80" becomes "80.00" in EUR): the number is kept,
 * not converted, so the form stays valid; text that is no number is left as it is.
 */
export function retypePrice(text: string, currency: string): string {
  const match = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match?.[1]) return text;
  const digits = currencyDigits(currency);
  if (digits === 0) return match[1];
  return `${match[1]}.${(match[2] ?? "").padEnd(digits, "0").slice(0, digits)}`;
}

/** An optional whole-number field: "" is null (use the default); junk is NaN, which fails validation. */
export function optionalNumber(text: string): number | null {
  return text.trim() === "" ? null : Number(text);
}
