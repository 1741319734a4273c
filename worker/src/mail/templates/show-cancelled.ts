import { formatMoney } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import type { RenderedMail } from "./layout";
import type { ShowDetails } from "./show";
import { renderShowNotice } from "./show-notice";
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
  return renderShowNotice({
    locale,
    title,
    preheader: words.sorry,
    hello,
    show: data.show,
    news: refund,
    action,
  });
}
