import { formatMoney } from "@ticketping/common/format";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import {
  seatLabel,
  showHtml,
  showLine,
  sortSeats,
  type MailTicket,
  type ShowDetails,
  type TicketSeat,
} from "./show";

export interface OrderConfirmedData {
  buyerName: string;
  show: ShowDetails & { hallAddress: string };
  seats: readonly TicketSeat[];
  amountMinor: number;
  currency: string;
  reservationId: string;
  /** The buyer's tickets page. */
  ticketsUrl: string;
  /** Shown with their QR codes, the images the sender attaches inline (cid). */
  tickets: readonly MailTicket[];
  ticketImageCid: (ticketId: string) => string;
}

export function renderOrderConfirmed(data: OrderConfirmedData): RenderedMail {
  const seats = sortSeats(data.seats);
  const total = formatMoney(data.amountMinor, data.currency);
  const count = seats.length === 1 ? "1 ticket" : `${seats.length} tickets`;
  const title = `Your tickets for ${data.show.performanceName}`;
  const action = { label: "View your tickets", url: data.ticketsUrl };
  const reference = `Booking reference: ${data.reservationId}`;
  return {
    subject: title,
    html: layout({
      title,
      preheader: `${count}, ${showLine(data.show)}`,
      action,
      body: html`<p style="margin:0 0 16px">
          Hello ${data.buyerName}, your payment went through and your seats are yours.
        </p>
        ${showHtml(data.show)}
        <p style="margin:0 0 8px;color:#6b7280">${data.show.hallAddress}</p>
        <ul style="margin:0 0 16px;padding-left:20px">
          ${seats.map((seat) => html`<li>${seatLabel(seat)}</li>`)}
        </ul>
        <p style="margin:0 0 8px">${count}, total paid <strong>${total}</strong></p>
        ${sortSeats(data.tickets).map(
          (ticket) =>
            html`<div style="margin:16px 0;text-align:center">
              <img
                src="cid:${data.ticketImageCid(ticket.id)}"
                width="180"
                height="180"
                alt="QR code of the ticket for ${seatLabel(ticket)}"
              />
              <p style="margin:4px 0 0;font-size:14px">${seatLabel(ticket)}</p>
              <p style="margin:0;font-family:monospace;color:#6b7280">${ticket.reference}</p>
            </div>`,
        )}
        <p style="margin:0 0 8px">
          Show the QR codes at the door, on your phone or printed (the PDF is attached).
        </p>
        <p style="margin:0;font-size:13px;color:#6b7280">${reference}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [
        `Hello ${data.buyerName}, your payment went through and your seats are yours.`,
        [showLine(data.show), data.show.hallAddress].join("\n"),
        seats.map((seat) => `- ${seatLabel(seat)}`).join("\n"),
        `${count}, total paid ${total}`,
        [
          "Your tickets are attached as a PDF; show the QR codes at the door. If a code will not",
          "scan, staff can type its reference:",
          ...sortSeats(data.tickets).map((ticket) => `- ${seatLabel(ticket)}: ${ticket.reference}`),
        ].join("\n"),
        reference,
      ],
    }),
  };
}
