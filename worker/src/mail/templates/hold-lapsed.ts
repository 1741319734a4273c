import type { Locale } from "@ticketping/common/i18n";
import type { RenderedMail } from "./layout";
import type { ShowDetails } from "./show";
import { renderShowNotice } from "./show-notice";
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
  return renderShowNotice({
    locale,
    title,
    preheader: words.lapse,
    hello,
    show: data.show,
    news: words.again,
    action,
  });
}
