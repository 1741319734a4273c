/**
 * A show as an iCalendar (RFC 5545) file, for "add to calendar". Times go out in UTC (the
 * `Z` form), so every calendar shows them in its own time zone correctly without a VTIMEZONE.
 */
export interface CalendarShow {
  /** Stable per reservation: re-importing the file updates the event instead of doubling it. */
  uid: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  location: string;
  description: string;
  url?: string;
  /** When the file was made (DTSTAMP). */
  now?: Date;
}

function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets fold, continuing after CRLF and one space (3.1), never inside a character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function renderShowCalendar(show: CalendarShow): string {
  const endsAt = new Date(show.startsAt.getTime() + show.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Ticketping//Tickets//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeText(show.uid)}`,
    `DTSTAMP:${utc(show.now ?? new Date())}`,
    `DTSTART:${utc(show.startsAt)}`,
    `DTEND:${utc(endsAt)}`,
    `SUMMARY:${escapeText(show.title)}`,
    `LOCATION:${escapeText(show.location)}`,
    `DESCRIPTION:${escapeText(show.description)}`,
    ...(show.url ? [`URL:${show.url}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
