import type { Locale } from "@ticketping/common/i18n";
import { html, type SafeHtml } from "./html";
import { mailWords } from "./words";

/** A rendered message: both parts say the same, for clients that show only one. */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface Action {
  label: string;
  url: string;
}

/**
 * The shell every mail shares: one centred column with inline styles (mail clients drop
 * <style> blocks and external CSS), a hidden preheader for the inbox preview, and the
 * action as a real link so it works with images and styles off.
 */
export function layout({
  locale,
  title,
  preheader,
  body,
  action,
}: {
  locale: Locale;
  title: string;
  preheader: string;
  body: SafeHtml;
  action?: Action;
}): string {
  const button = action
    ? html`<p style="margin:24px 0">
          <a
            href="${action.url}"
            style="background:#4f46e5;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block"
            >${action.label}</a
          >
        </p>
        <p style="font-size:13px;color:#6b7280">
          ${mailWords[locale].openLink}
          <a href="${action.url}" style="color:#4f46e5">${action.url}</a>
        </p>`
    : html``;
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
      </head>
      <body style="margin:0;padding:0;background:#f3f4f6">
        <div style="display:none;max-height:0;overflow:hidden">${preheader}</div>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
          <tr>
            <td align="center" style="padding:24px 12px">
              <table
                role="presentation"
                width="100%"
                cellpadding="0"
                cellspacing="0"
                style="max-width:560px;background:#ffffff;border-radius:8px"
              >
                <tr>
                  <td
                    style="padding:24px 28px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#111827"
                  >
                    <p style="margin:0 0 16px;font-weight:700;color:#4f46e5">Ticketping</p>
                    <h1 style="margin:0 0 16px;font-size:20px">${title}</h1>
                    ${body} ${button}
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`.value;
}

/** The plain-text part: paragraphs separated by blank lines, the action's URL spelled out. */
export function textLayout({
  title,
  paragraphs,
  action,
}: {
  title: string;
  paragraphs: readonly string[];
  action?: Action;
}): string {
  const parts = [title, ...paragraphs];
  if (action) parts.push(`${action.label}: ${action.url}`);
  parts.push("Ticketping");
  return `${parts.join("\n\n")}\n`;
}
