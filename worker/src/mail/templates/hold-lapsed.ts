import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";

export interface HoldLapsedData {
  buyerName: string;
  show: ShowDetails;
  /** The performance's page, to book again while seats are left. */
  performanceUrl: string;
}

export function renderHoldLapsed(data: HoldLapsedData): RenderedMail {
  const title = `Your seats for ${data.show.performanceName} were released`;
  const lapse =
    "The hold ran out before a payment arrived, so the seats went back on sale. Nothing was charged.";
  const again = "If seats are left, you can book again.";
  const action = { label: "Book again", url: data.performanceUrl };
  return {
    subject: title,
    html: layout({
      title,
      preheader: lapse,
      action,
      body: html`<p style="margin:0 0 16px">Hello ${data.buyerName}. ${lapse}</p>
        ${showHtml(data.show)}
        <p style="margin:0">${again}</p>`,
    }),
    text: textLayout({
      title,
      action,
      paragraphs: [`Hello ${data.buyerName}. ${lapse}`, showLine(data.show), again],
    }),
  };
}
