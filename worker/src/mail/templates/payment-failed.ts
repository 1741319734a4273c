import { formatShowTime } from "@ticketping/common/format";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";

export interface PaymentFailedData {
  buyerName: string;
  show: ShowDetails;
  /** Until when the seats stay held for another try. */
  holdExpiresAt: Date;
  /** The checkout page of the reservation: paying again opens a new session. */
  checkoutUrl: string;
}

export function renderPaymentFailed(data: PaymentFailedData): RenderedMail {
  const title = `Your payment for ${data.show.performanceName} did not go through`;
  const until = formatShowTime(data.holdExpiresAt, data.show.timeZone);
  const held = `Your seats are still held for you until ${until}: you can try again with the same or another card.`;
  const action = { label: "Try the payment again", url: data.checkoutUrl };
  return {
    subject: title,
    html: layout({
      title,
      preheader: held,
      action,
      body: html`<p style="margin:0 0 16px">
          Hello ${data.buyerName}, the payment was declined and nothing was charged.
        </p>
        ${showHtml(data.show)}
        <p style="margin:0">${held}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [
        `Hello ${data.buyerName}, the payment was declined and nothing was charged.`,
        showLine(data.show),
        held,
      ],
    }),
  };
}
