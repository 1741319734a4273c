import { formatMoney } from "@ticketping/common/format";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";

export interface ShowCancelledData {
  buyerName: string;
  show: ShowDetails;
  /** What the buyer paid, refunded in full. */
  amountMinor: number;
  currency: string;
  ticketsUrl: string;
}

export function renderShowCancelled(data: ShowCancelledData): RenderedMail {
  const amount = formatMoney(data.amountMinor, data.currency);
  const title = `Cancelled: ${data.show.performanceName}`;
  const sorry =
    "We are sorry: this show will not take place, and your tickets are no longer valid.";
  const refund = `Your payment of ${amount} is refunded in full to the card you paid with; you need to do nothing.`;
  const action = { label: "See your bookings", url: data.ticketsUrl };
  return {
    subject: title,
    html: layout({
      title,
      preheader: sorry,
      action,
      body: html`<p style="margin:0 0 16px">Hello ${data.buyerName}. ${sorry}</p>
        ${showHtml(data.show)}
        <p style="margin:0">${refund}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [`Hello ${data.buyerName}. ${sorry}`, showLine(data.show), refund],
    }),
  };
}
