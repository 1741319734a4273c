import type { Subscription } from "@ticketping/common/kafka";
import { cancelShowHandler } from "./cancel-show";
import { confirmPaymentHandler } from "./confirm-payment";
import type { HandlerDeps } from "./deps";
import { expireCheckoutHandler } from "./expire-checkout";
import { expireHoldHandler } from "./expire-hold";
import { failPaymentHandler } from "./fail-payment";
import { recordRefundHandler } from "./record-refund";
import { refundPaymentHandler } from "./refund-payment";
import { releaseHoldHandler } from "./release-hold";

export type { HandlerDeps } from "./deps";

export function createSubscriptions(deps: HandlerDeps): Subscription[] {
  return [
    confirmPaymentHandler(deps),
    failPaymentHandler(deps),
    refundPaymentHandler(deps),
    recordRefundHandler(deps),
    expireCheckoutHandler(deps),
    expireHoldHandler(deps),
    releaseHoldHandler(deps),
    cancelShowHandler(deps),
  ];
}
