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

/** "45", "45.5" or "45.50" euros to 4550 cents; null for anything else. */
export function eurosToMinor(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const cents = (match[2] ?? "").padEnd(2, "0");
  return Number(match[1]) * 100 + Number(cents);
}

export function minorToEuros(minor: number): string {
  return (minor / 100).toFixed(2);
}

/** An optional whole-number field: "" is null (use the default); junk is NaN, which fails validation. */
export function optionalNumber(text: string): number | null {
  return text.trim() === "" ? null : Number(text);
}
