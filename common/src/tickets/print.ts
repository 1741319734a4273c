// Printing and showing tickets (QR symbols, the PDF): a subpath of its own, so only what
// renders tickets loads pdf-lib and qrcode.
export { qrMatrix, qrPng, qrSvg } from "./qr-matrix";
export { issuedTickets, reservationTicketsPdf, ticketQrPngs } from "./printable-reservation";
export type { IssuedTicket, PrintableReservation } from "./printable-reservation";
export { renderTicketsPdf } from "./ticket-pdf";
export type { PrintableShow, PrintableTicket } from "./ticket-pdf";
