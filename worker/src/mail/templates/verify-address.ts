import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";

export interface VerifyAddressData {
  name: string;
  /** The signed, single-use link that marks the address verified. */
  verifyUrl: string;
  expiresInHours: number;
}

export function renderVerifyAddress(data: VerifyAddressData): RenderedMail {
  const title = "Confirm your email address";
  const ask = `Hello ${data.name}, confirm that this address is yours to finish signing up to Ticketping.`;
  const expiry = `The link works once and expires in ${data.expiresInHours} hours. If you did not sign up, ignore this mail.`;
  const action = { label: "Confirm my address", url: data.verifyUrl };
  return {
    subject: title,
    html: layout({
      title,
      preheader: ask,
      action,
      body: html`<p style="margin:0 0 16px">${ask}</p>
        <p style="margin:0;color:#6b7280">${expiry}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [ask, expiry] }),
  };
}
