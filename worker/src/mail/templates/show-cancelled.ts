import { formatMoney } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";
import { mailWords } from "./words";

export interface ShowCancelledData {
  /** The buyer's language (users.locale). */
  locale: Locale;
  buyerName: string;
  show: ShowDetails;
  /** What the buyer paid, refunded in full. */
  amountMinor: number;
  currency: string;
  ticketsUrl: string;
}

export function renderShowCancelled(data: ShowCancelledData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].showCancelled;
  const amount = formatMoney(data.amountMinor, data.currency, locale);
  const title = words.title(data.show.performanceName);
  const hello = `${words.hello(data.buyerName)} ${words.sorry}`;
  const refund = words.refund(amount);
  const action = { label: words.action, url: data.ticketsUrl };
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader: words.sorry,
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(data.show, locale)}
        <p style="margin:0">${refund}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [hello, showLine(data.show, locale), refund] }),
  };
}
