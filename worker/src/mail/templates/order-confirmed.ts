import { formatMoney } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
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
import { mailWords } from "./words";

export interface OrderConfirmedData {
  /** The buyer's language (users.locale). */
  locale: Locale;
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
  const { locale } = data;
  const words = mailWords[locale].orderConfirmed;
  const seats = sortSeats(data.seats);
  const total = formatMoney(data.amountMinor, data.currency, locale);
  const count = words.count(seats.length);
  const title = words.title(data.show.performanceName);
  const action = { label: words.action, url: data.ticketsUrl };
  const reference = words.reference(data.reservationId);
  const hello = words.hello(data.buyerName);
  const paid = words.totalPaid(count, total);
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader: `${count}, ${showLine(data.show, locale)}`,
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(data.show, locale)}
        <p style="margin:0 0 8px;color:#6b7280">${data.show.hallAddress}</p>
        <ul style="margin:0 0 16px;padding-left:20px">
          ${seats.map((seat) => html`<li>${seatLabel(seat, locale)}</li>`)}
        </ul>
        <p style="margin:0 0 8px">${paid}</p>
        ${sortSeats(data.tickets).map(
          (ticket) =>
            html`<div style="margin:16px 0;text-align:center">
              <img
                src="cid:${data.ticketImageCid(ticket.id)}"
                width="180"
                height="180"
                alt="${words.qrAlt(seatLabel(ticket, locale))}"
              />
              <p style="margin:4px 0 0;font-size:14px">${seatLabel(ticket, locale)}</p>
              <p style="margin:0;font-family:monospace;color:#6b7280">${ticket.reference}</p>
            </div>`,
        )}
        <p style="margin:0 0 8px">${words.showQr}</p>
        <p style="margin:0;font-size:13px;color:#6b7280">${reference}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [
        hello,
        [showLine(data.show, locale), data.show.hallAddress].join("\n"),
        seats.map((seat) => `- ${seatLabel(seat, locale)}`).join("\n"),
        paid,
        [
          words.attached,
          ...sortSeats(data.tickets).map(
            (ticket) => `- ${seatLabel(ticket, locale)}: ${ticket.reference}`,
          ),
        ].join("\n"),
        reference,
      ],
    }),
  };
}
