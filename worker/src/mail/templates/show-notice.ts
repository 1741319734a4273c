import type { Locale } from "@ticketping/common/i18n";
import { html } from "./html";
import { layout, textLayout, type Action, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";

/**
 * The shape most mails about one show share: a greeting, the show, one line of news and
 * one button. The same words go into the HTML and the plain-text part.
 */
export function renderShowNotice({
  locale,
  title,
  preheader,
  hello,
  show,
  news,
  action,
}: {
  locale: Locale;
  title: string;
  /** The line mail clients show beside the subject. */
  preheader: string;
  hello: string;
  show: ShowDetails;
  news: string;
  action: Action;
}): RenderedMail {
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader,
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(show, locale)}
        <p style="margin:0">${news}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [hello, showLine(show, locale), news] }),
  };
}
