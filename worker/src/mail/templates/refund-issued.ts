import { formatMoney } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";
import { mailWords } from "./words";

export interface RefundIssuedData {
  /** The buyer's language (users.locale). */
  locale: Locale;
  buyerName: string;
  show: ShowDetails;
  amountMinor: number;
  currency: string;
  /** Human-readable why (the refunded payment's reason, as it was recorded). */
  reason: string;
  ticketsUrl: string;
}

export function renderRefundIssued(data: RefundIssuedData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].refundIssued;
  const amount = formatMoney(data.amountMinor, data.currency, locale);
  const title = words.title(amount, data.show.performanceName);
  const hello = `${words.hello(data.buyerName)} ${words.refunded(amount)}`;
  const why = words.why(data.reason);
  const action = { label: words.action, url: data.ticketsUrl };
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader: words.refunded(amount),
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(data.show, locale)}
        <p style="margin:0">${why}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [hello, showLine(data.show, locale), why] }),
  };
}
