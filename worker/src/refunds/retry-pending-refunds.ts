import type { HandlerDeps } from "../handlers/deps";
import { settleReservation } from "../reservations/settle-reservation";
import { issueOrganizerRefund } from "./issue-organizer-refund";
import { refundPayment } from "./refund-payment";

/**
 * Refunds that were asked for (the Payment is marked refund-requested) but are still not
 * recorded after `olderThanMs`: the refund.requested event is stuck behind Kafka, was
 * dead-lettered, or the provider failed. Each is refunded again directly (the provider
 * refunds a payment once per idempotency key), so an announced refund always happens.
 * Returns how many were recorded.
 */
export async function retryPendingRefunds(
  deps: HandlerDeps,
  { olderThanMs, batchSize = 50 }: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  const pending = await deps.prisma.payment.findMany({
    where: {
      status: "COMPLETED",
      refundRequestedAt: { lt: new Date(Date.now() - olderThanMs) },
      provider: deps.payments.name,
    },
    select: { id: true, reservationId: true },
    orderBy: { refundRequestedAt: "asc" },
    take: batchSize,
  });
  let refunded = 0;
  for (const payment of pending) {
    try {
      if ((await refundPayment(deps, { paymentId: payment.id })) === "refunded") refunded++;
      await settleReservation(deps, { reservationId: payment.reservationId });
    } catch (error) {
      deps.logger.warn({ err: error, paymentId: payment.id }, "pending refund failed again");
    }
  }
  refunded += await retryPendingOrganizerRefunds(deps, { olderThanMs, batchSize });
  return refunded;
}

/** Organizers' refunds (Refund rows) still REQUESTED after `olderThanMs`, made again. */
async function retryPendingOrganizerRefunds(
  deps: HandlerDeps,
  { olderThanMs, batchSize }: { olderThanMs: number; batchSize: number },
): Promise<number> {
  const pending = await deps.prisma.refund.findMany({
    where: {
      status: "REQUESTED",
      requestedAt: { lt: new Date(Date.now() - olderThanMs) },
      payment: { provider: deps.payments.name },
    },
    select: { id: true, reservationId: true },
    orderBy: { requestedAt: "asc" },
    take: batchSize,
  });
  let refunded = 0;
  for (const refund of pending) {
    try {
      if ((await issueOrganizerRefund(deps, { refundId: refund.id })) === "refunded") refunded++;
      await settleReservation(deps, { reservationId: refund.reservationId });
    } catch (error) {
      deps.logger.warn({ err: error, refundId: refund.id }, "pending refund failed again");
    }
  }
  return refunded;
}
