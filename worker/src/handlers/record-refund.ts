import { paymentRefunded } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { handleOnce } from "../handle-once";
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
    const { reservationId, paymentId } = event.payload;
    let cancelled = false;
    await handleOnce(
      { prisma, consumer: "worker.record-refund", eventId: paymentId },
      async (tx) => {
        const stillPaid = await tx.payment.count({
          where: { reservationId, status: "COMPLETED", id: { not: paymentId } },
        });
        if (stillPaid > 0) return;
        const { count } = await tx.reservation.updateMany({
          where: { id: reservationId, status: "CONFIRMED" },
          data: {
            status: "REFUNDED",
            statusReason: "Your payment was refunded and these tickets were cancelled.",
          },
        });
        cancelled = count === 1;
      },
    );
    await settleReservation(deps, { reservationId });
    logger.info({ reservationId, paymentId, cancelled }, "refund recorded");
  });
}
