import { paymentRefunded } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { handleOnce, refundConfirmedReservation } from "@ticketping/db/lifecycle";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

/**
 * The provider refunded a payment in full (the webhook already marked the Payment). A
 * refund we asked for concerns a reservation that is no longer CONFIRMED, so nothing
 * changes; one made elsewhere (e.g. the provider's dashboard) of the payment that
 * confirmed a reservation cancels the sale: REFUNDED, seats back on sale.
 */
export function recordRefundHandler(deps: HandlerDeps): Subscription {
  const { prisma, logger } = deps;
  return subscribe(paymentRefunded, async (event) => {
    const { reservationId, paymentId, refundId } = event.payload;
    // An organizer's refund changed its order when it was asked for.
    if (refundId) {
      await settleReservation(deps, { reservationId });
      return;
    }
    const handled = await handleOnce(
      { prisma, consumer: "worker.record-refund", eventId: paymentId },
      (tx) => refundConfirmedReservation(tx, { reservationId, paymentId }),
    );
    const cancelled = handled.applied && handled.result;
    await settleReservation(deps, { reservationId });
    logger.info({ reservationId, paymentId, cancelled }, "refund recorded");
  });
}
