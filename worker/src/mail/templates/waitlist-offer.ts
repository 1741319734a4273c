import { formatShowTime } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import type { RenderedMail } from "./layout";
import type { ShowDetails } from "./show";
import { renderShowNotice } from "./show-notice";
import { mailWords } from "./words";

export interface WaitlistOfferData {
  /** The buyer's language (users.locale). */
  locale: Locale;
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
  const { locale } = data;
  const words = mailWords[locale].waitlistOffer;
  const title = words.title(data.show.performanceName);
  const until = formatShowTime(data.offerExpiresAt, data.show.timeZone, locale);
  const held = words.held(data.seatCount, until);
  const action = { label: words.action, url: data.offerUrl };
  const hello = words.hello(data.buyerName);
  return renderShowNotice({
    locale,
    title,
    preheader: held,
    hello,
    show: data.show,
    news: held,
    action,
  });
}
