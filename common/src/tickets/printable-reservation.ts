import { formatShowTime } from "../format";
import type { Locale } from "../i18n";
import { qrPng } from "./qr-matrix";
import { seatLabelOf } from "./ticket-code-format";
import { renderTicketsPdf } from "./ticket-pdf";
import { ticketReferenceOf } from "./ticket-reference";
import { ticketWords } from "./ticket-words";
import type { TicketSigner } from "./ticket-signing";

/** A confirmed reservation's tickets with what is printed on them. */
export interface PrintableReservation {
  reservationId: string;
  scheduleId: string;
  holderName: string;
  performanceName: string;
  hallName: string;
  startsAt: Date;
  /** The venue's IANA zone: the time printed is the one on the venue's clock. */
  timeZone: string;
  tickets: readonly { id: string; row: number; column: number; gradeName: string }[];
  /** The buyer's language (their account's): the seats and the time are written in it. */
  locale: Locale;
}

export interface IssuedTicket {
  id: string;
  reference: string;
  code: string;
  seat: string;
  gradeName: string;
}

/** Each ticket's signed code and reference, seat order. */
export function issuedTickets(
  reservation: PrintableReservation,
  signer: TicketSigner,
): IssuedTicket[] {
  return [...reservation.tickets]
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .map((ticket) => ({
      id: ticket.id,
      reference: ticketReferenceOf(ticket.id),
      code: signer.signTicketCode({
        ticketId: ticket.id,
        scheduleId: reservation.scheduleId,
        seatLabel: seatLabelOf(ticket),
      }),
      seat: ticketWords[reservation.locale].seat(ticket.row, ticket.column),
      gradeName: ticket.gradeName,
    }));
}

/** The tickets as one PDF, the same from My tickets and from the confirmation mail. */
export function reservationTicketsPdf(
  reservation: PrintableReservation,
  signer: TicketSigner,
): Promise<Uint8Array> {
  return renderTicketsPdf({
    show: {
      performanceName: reservation.performanceName,
      hallName: reservation.hallName,
      startsAt: formatShowTime(reservation.startsAt, reservation.timeZone, reservation.locale),
    },
    title: ticketWords[reservation.locale].pdfTitle(reservation.performanceName),
    tickets: issuedTickets(reservation, signer).map((ticket) => ({
      ...ticket,
      holderName: reservation.holderName,
    })),
  });
}

/** Each ticket's QR code as a PNG, for mail clients, which do not show SVG. */
export function ticketQrPngs(
  reservation: PrintableReservation,
  signer: TicketSigner,
): Promise<{ ticketId: string; png: Buffer }[]> {
  return Promise.all(
    issuedTickets(reservation, signer).map(async (ticket) => ({
      ticketId: ticket.id,
      png: await qrPng(ticket.code),
    })),
  );
}
