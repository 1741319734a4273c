import { paymentCompleted } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { recordPaymentApplied } from "../metrics";
import { applyPaymentOnce } from "../payments/apply-payment";
import type { HandlerDeps } from "./deps";

/** payment.completed: the payment is applied once (see applyPaymentOnce). */
export function confirmPaymentHandler(deps: HandlerDeps): Subscription {
  return subscribe(paymentCompleted, async (event) => {
    const { reservationId, paymentId } = event.payload;
    const { applied, outcome } = await applyPaymentOnce(deps, event.payload);
    if (applied) recordPaymentApplied({ ...event.payload, outcome, occurredAt: event.occurredAt });
    deps.logger.info({ reservationId, paymentId, outcome }, "payment handled");
  });
}
