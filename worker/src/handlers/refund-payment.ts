import { refundRequested } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { issueOrganizerRefund } from "../refunds/issue-organizer-refund";
import { refundPayment } from "../refunds/refund-payment";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

/**
 * Gives a payment's money back through the provider (or, with a refundId, the amount of an
 * organizer's refund), then records it. A provider outage
 * fails the attempt, which is retried with backoff and then parked on the dead-letter
 * topic; the Payment stays refund-requested, so the worker's retry of pending refunds
 * still carries it out.
 */
export function refundPaymentHandler(deps: HandlerDeps): Subscription {
  return subscribe(refundRequested, async (event) => {
    const { paymentId, reservationId, refundId } = event.payload;
    if (refundId) await issueOrganizerRefund(deps, { refundId });
    else await refundPayment(deps, { paymentId });
    // A cancelled sale's seats: freed in the cache by the web app already, unless that failed.
    await settleReservation(deps, { reservationId });
  });
}
