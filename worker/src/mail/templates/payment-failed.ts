import { formatShowTime } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";
import { mailWords } from "./words";

export interface PaymentFailedData {
  /** The buyer's language (users.locale). */
  locale: Locale;
  buyerName: string;
  show: ShowDetails;
  /** Until when the seats stay held for another try. */
  holdExpiresAt: Date;
  /** The checkout page of the reservation: paying again opens a new session. */
  checkoutUrl: string;
}

export function renderPaymentFailed(data: PaymentFailedData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].paymentFailed;
  const title = words.title(data.show.performanceName);
  const held = words.held(formatShowTime(data.holdExpiresAt, data.show.timeZone, locale));
  const action = { label: words.action, url: data.checkoutUrl };
  const hello = words.hello(data.buyerName);
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader: held,
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(data.show, locale)}
        <p style="margin:0">${held}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [hello, showLine(data.show, locale), held] }),
  };
}
