import { paymentFailed } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import type { HandlerDeps } from "./deps";

/**
 * A payment did not go through. The hold stays: holding seats is what entitles a buyer to
 * pay, so they may try again until it lapses. The webhook already retired the failed
 * checkout session (the next checkout opens a new one, so the old one cannot be paid
 * twice); the sweeper ends the hold if no payment follows. Nothing here changes state.
 */
export function failPaymentHandler({ logger }: HandlerDeps): Subscription {
  return subscribe(paymentFailed, (event) => {
    const { reservationId, paymentId, reason } = event.payload;
    logger.info({ reservationId, paymentId, reason }, "payment failed; the hold stays for a retry");
    return Promise.resolve();
  });
}
