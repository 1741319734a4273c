import { formatShowTime } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import { html, type SafeHtml } from "./html";
import { mailWords } from "./words";

/** What every mail about a show says of it; the time is the venue's local time. */
export interface ShowDetails {
  performanceName: string;
  hallName: string;
  startsAt: Date;
  /** The venue's IANA time zone (halls.time_zone). */
  timeZone: string;
}

export interface TicketSeat {
  row: number;
  column: number;
  grade: string;
}

/** A seat's ticket as the order mail shows it: its inline QR image and reference. */
export interface MailTicket extends TicketSeat {
  id: string;
  reference: string;
}

export function showLine(show: ShowDetails, locale: Locale): string {
  return `${show.performanceName}, ${show.hallName}, ${formatShowTime(show.startsAt, show.timeZone, locale)}`;
}

export function showHtml(show: ShowDetails, locale: Locale): SafeHtml {
  return html`<p style="margin:0 0 16px">
    <strong>${show.performanceName}</strong><br />${show.hallName}<br />${formatShowTime(
      show.startsAt,
      show.timeZone,
      locale,
    )}
  </p>`;
}

export function seatLabel(seat: TicketSeat, locale: Locale): string {
  return mailWords[locale].seat(seat.row, seat.column, seat.grade);
}

/** Seats in hall order: row, then seat. */
export function sortSeats<Seat extends TicketSeat>(seats: readonly Seat[]): Seat[] {
  return [...seats].sort((a, b) => a.row - b.row || a.column - b.column);
}
