import { paymentFailed } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { handleOnce } from "../handle-once";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

/** The payment did not go through: a reservation still waiting for it ends FAILED. */
export function failPaymentHandler(deps: HandlerDeps): Subscription {
  const { prisma, logger } = deps;
  return subscribe(paymentFailed, async (event) => {
    const { reservationId, paymentId, reason } = event.payload;
    let failed = false;
    await handleOnce(
      { prisma, consumer: "worker.fail-payment", eventId: paymentId },
      async (tx) => {
        const { count } = await tx.reservation.updateMany({
          where: { id: reservationId, status: "PENDING" },
          data: {
            status: "FAILED",
            statusReason: `The payment did not go through (${reason}); the seats went back on sale.`,
          },
        });
        failed = count === 1;
      },
    );
    await settleReservation(deps, { reservationId });
    logger.info({ reservationId, paymentId, failed }, "failed payment handled");
  });
}
