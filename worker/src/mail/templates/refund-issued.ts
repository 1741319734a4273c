import { formatMoney } from "@ticketping/common/format";
import type { Locale } from "@ticketping/common/i18n";
import type { RenderedMail } from "./layout";
import type { ShowDetails } from "./show";
import { renderShowNotice } from "./show-notice";
import { mailWords } from "./words";

export interface RefundIssuedData {
  /** The buyer's language (users.locale). */
  locale: Locale;
  buyerName: string;
  show: ShowDetails;
  amountMinor: number;
  currency: string;
  /** Human-readable why (the refunded payment's reason, as it was recorded). */
  reason: string;
  ticketsUrl: string;
}

export function renderRefundIssued(data: RefundIssuedData): RenderedMail {
  const { locale } = data;
  const words = mailWords[locale].refundIssued;
  const amount = formatMoney(data.amountMinor, data.currency, locale);
  const title = words.title(amount, data.show.performanceName);
  const hello = `${words.hello(data.buyerName)} ${words.refunded(amount)}`;
  const why = words.why(data.reason);
  const action = { label: words.action, url: data.ticketsUrl };
  return renderShowNotice({
    locale,
    title,
    preheader: words.refunded(amount),
    hello,
    show: data.show,
    news: why,
    action,
  });
}
