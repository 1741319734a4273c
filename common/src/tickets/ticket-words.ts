import type { Locale } from "../i18n";

/**
 * What the ticket PDF and the calendar file say, in the buyer's language (their account's,
 * as the mails speak it). The worker's mail words say a seat the same way.
 */
export interface TicketWords {
  /** "Row 3, seat 12" / "3열 12번". */
  seat: (row: number, column: number) => string;
  pdfTitle: (performanceName: string) => string;
  /** The calendar event's description: which seats, and where the QR codes are. */
  calendarDescription: (seats: string) => string;
}

export const ticketWords: Record<Locale, TicketWords> = {
  en: {
    seat: (row, column) => `Row ${row}, seat ${column}`,
    pdfTitle: (performanceName) => `Tickets: ${performanceName}`,
    calendarDescription: (seats) =>
      `Your seats: ${seats}. Your tickets (QR codes) are in My tickets.`,
  },
  ko: {
    seat: (row, column) => `${row}열 ${column}번`,
    pdfTitle: (performanceName) => `티켓: ${performanceName}`,
    calendarDescription: (seats) =>
      `예매 좌석: ${seats}. 모바일 티켓(QR 코드)은 '내 티켓'에서 확인하실 수 있습니다.`,
  },
};
