import type { Locale } from "@ticketping/common/i18n";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";
import { mailWords } from "./words";

export interface HoldLapsedData {
  /** The buyer's language (users.locale). */
  locale: Locale;
  buyerName: string;
  show: ShowDetails;
  /** The performance's page, to book again while seats are left. */
  performanceUrl: string;
}

export function renderHoldLapsed(data: HoldLapsedData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].holdLapsed;
  const title = words.title(data.show.performanceName);
  const action = { label: words.action, url: data.performanceUrl };
  const hello = `${words.hello(data.buyerName)} ${words.lapse}`;
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader: words.lapse,
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(data.show, locale)}
        <p style="margin:0">${words.again}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [hello, showLine(data.show, locale), words.again],
    }),
  };
}
