import type { Locale } from "@ticketping/common/i18n";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { mailWords } from "./words";

export interface VerifyAddressData {
  /** The language the site spoke at sign-up (users.locale). */
  locale: Locale;
  name: string;
  /** The signed, single-use link that marks the address verified. */
  verifyUrl: string;
  expiresInHours: number;
}

export function renderVerifyAddress(data: VerifyAddressData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].verifyAddress;
  const title = words.title;
  const ask = words.ask(data.name);
  const expiry = words.expiry(data.expiresInHours);
  const action = { label: words.action, url: data.verifyUrl };
  return {
    subject: title,
    html: layout({
      locale,
      title,
      preheader: ask,
      action,
      body: html`<p style="margin:0 0 16px">${ask}</p>
        <p style="margin:0;color:#6b7280">${expiry}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [ask, expiry] }),
  };
}
