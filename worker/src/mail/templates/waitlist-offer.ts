import { formatShowTime } from "@ticketping/common/format";
import { html } from "./html";
import { layout, textLayout, type RenderedMail } from "./layout";
import { showHtml, showLine, type ShowDetails } from "./show";

export interface WaitlistOfferData {
  buyerName: string;
  show: ShowDetails;
  /** How many seats are held for the buyer. */
  seatCount: number;
  /** Until when the offer holds them; then they go to the next buyer in line. */
  offerExpiresAt: Date;
  /** The offer's page: the buyer takes the seats there, without the line, then pays. */
  offerUrl: string;
}

export function renderWaitlistOffer(data: WaitlistOfferData): RenderedMail {
  const title = `Seats for ${data.show.performanceName} are yours to take`;
  const until = formatShowTime(data.offerExpiresAt, data.show.timeZone);
  const seats = data.seatCount === 1 ? "1 seat" : `${data.seatCount} seats`;
  const held = `We hold ${seats} for you until ${until}. After that they go to the next buyer on the waitlist.`;
  const action = { label: "Take the seats", url: data.offerUrl };
  const hello = `Hello ${data.buyerName}, seats came back for a show whose waitlist you joined.`;
  return {
    subject: title,
    html: layout({
      title,
      preheader: held,
      action,
      body: html`<p style="margin:0 0 16px">${hello}</p>
        ${showHtml(data.show)}
        <p style="margin:0">${held}</p>`,
    }),
    text: textLayout({ title, action, paragraphs: [hello, showLine(data.show), held] }),
  };
}
