import { formatMoney } from "@ticketping/common/format";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";

export interface RefundIssuedData {
  buyerName: string;
  show: ShowDetails;
  amountMinor: number;
  currency: string;
  /** Human-readable why (the refunded payment's reason). */
  reason: string;
  ticketsUrl: string;
}

export function renderRefundIssued(data: RefundIssuedData): RenderedMail {
  const amount = formatMoney(data.amountMinor, data.currency);
  const title = `Refund of ${amount} for ${data.show.performanceName}`;
  const refunded = `We refunded ${amount} to the card you paid with. Banks take a few days to show it.`;
  const why = `Why: ${data.reason}`;
  const action = { label: "See your bookings", url: data.ticketsUrl };
  return {
    subject: title,
    html: layout({
      title,
      preheader: refunded,
      action,
      body: html`<p style="margin:0 0 16px">Hello ${data.buyerName}. ${refunded}</p>
        ${showHtml(data.show)}
        <p style="margin:0">${why}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [`Hello ${data.buyerName}. ${refunded}`, showLine(data.show), why],
    }),
  };
}
