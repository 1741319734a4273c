import { renderHoldLapsed } from "./hold-lapsed";
import { renderOrderConfirmed } from "./order-confirmed";
import { renderPaymentFailed } from "./payment-failed";
import { renderRefundIssued } from "./refund-issued";
import { renderShowCancelled } from "./show-cancelled";
import { renderVerifyAddress } from "./verify-address";
import { renderWaitlistOffer } from "./waitlist-offer";

export type { RenderedMail } from "./layout";
export type { MailTicket, ShowDetails, TicketSeat } from "./show";

/** Every template by the name stored with each sent mail (mail_messages.template). */
export const mailTemplates = {
  "verify-address": renderVerifyAddress,
  "order-confirmed": renderOrderConfirmed,
  "payment-failed": renderPaymentFailed,
  "hold-lapsed": renderHoldLapsed,
  "refund-issued": renderRefundIssued,
  "show-cancelled": renderShowCancelled,
  "waitlist-offer": renderWaitlistOffer,
} as const;

export type MailTemplateName = keyof typeof mailTemplates;
export type MailTemplateData<Name extends MailTemplateName> = Parameters<
  (typeof mailTemplates)[Name]
>[0];
