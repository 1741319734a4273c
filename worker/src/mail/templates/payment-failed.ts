import { formatShowTime } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import type { RenderedMail } from "./layout";
import type { ShowDetails } from "./show";
import { renderShowNotice } from "./show-notice";
import { mailWords } from "./words";

export interface PaymentFailedData {
  /** The buyer's language (users.locale). */
  locale: Locale;
  buyerName: string;
  show: ShowDetails;
  /** Until when the seats stay held for another try. */
  holdExpiresAt: Date;
  /** The checkout page of the reservation: paying again opens a new session. */
  checkoutUrl: string;
}

export function renderPaymentFailed(data: PaymentFailedData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].paymentFailed;
  const title = words.title(data.show.performanceName);
  const held = words.held(formatShowTime(data.holdExpiresAt, data.show.timeZone, locale));
  const action = { label: words.action, url: data.checkoutUrl };
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
