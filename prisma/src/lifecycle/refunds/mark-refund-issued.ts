import { createEvent, outboxMessage, paymentRefunded } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";

/**
 * The provider made an organizer's refund: REQUESTED → REFUNDED with `refundedAt` and the
 * provider's refund id (null for a refund of free seats, which needs no provider), announced as payment.refunded with the Refund's id (the buyer's
 * mail follows from it). A payment whose refunds now add up to all of it becomes REFUNDED
 * too, without a second announcement. False when the Refund was recorded already, so each
 * refund is announced once however often the worker gets here.
 */
export async function markRefundIssued(
  tx: Prisma.TransactionClient,
  {
    refundId,
    providerRefundId,
    now = new Date(),
  }: { refundId: string; providerRefundId: string | null; now?: Date },
): Promise<boolean> {
  const [refund] = await tx.refund.updateManyAndReturn({
    where: { id: refundId, status: "REQUESTED" },
    data: { status: "REFUNDED", refundedAt: now, providerRefundId },
    select: {
      reservationId: true,
      paymentId: true,
      payment: { select: { provider: true, amountMinor: true } },
    },
  });
  if (!refund) return false;
  const { _sum } = await tx.refund.aggregate({
    where: { paymentId: refund.paymentId, status: "REFUNDED" },
    _sum: { amountMinor: true },
  });
  if ((_sum.amountMinor ?? 0) >= refund.payment.amountMinor) {
    await tx.payment.updateMany({
      where: { id: refund.paymentId, status: "COMPLETED" },
      data: { status: "REFUNDED", refundedAt: now },
    });
  }
  const event = createEvent(paymentRefunded, {
    reservationId: refund.reservationId,
    paymentId: refund.paymentId,
    provider: refund.payment.provider,
    refundId,
  });
  await writeOutbox(tx, [outboxMessage(paymentRefunded, event, { key: refund.reservationId })]);
  return true;
}
