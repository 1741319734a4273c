import { refundRequested } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

/**
 * Gives a payment's money back through the provider, then records it. Idempotent without
 * a processed-event row: the provider refunds a payment once per idempotency key (our
 * payment id), and the Payment row changes only from COMPLETED. A provider outage fails
 * the attempt, which is retried with backoff and then parked on the dead-letter topic
 * for an operator (the row stays COMPLETED, so a replay refunds it).
 */
export function refundPaymentHandler(deps: HandlerDeps): Subscription {
  const { prisma, payments, logger } = deps;
  return subscribe(refundRequested, async (event) => {
    const { paymentId, reservationId, reason } = event.payload;
    const payment = await prisma.payment.findUnique({ where: { id: paymentId } });
    if (payment?.status !== "COMPLETED") {
      logger.info({ paymentId, status: payment?.status }, "nothing to refund");
      return;
    }
    if (payment.provider !== payments.name) {
      throw new Error(
        `payment ${paymentId} was made with ${payment.provider}, but ${payments.name} is configured`,
      );
    }
    const { refundId } = await payments.refundPayment({
      paymentId,
      reservationId,
      providerPaymentId: payment.providerPaymentId,
      amountMinor: payment.amountMinor,
    });
    await prisma.payment.updateMany({
      where: { id: paymentId, status: "COMPLETED" },
      data: { status: "REFUNDED", refundedAt: new Date(), failureReason: reason },
    });
    // A cancelled sale's seats: freed in the cache by the web app already, unless that failed.
    await settleReservation(deps, { reservationId });
    logger.info({ paymentId, reservationId, refundId }, "payment refunded");
  });
}
