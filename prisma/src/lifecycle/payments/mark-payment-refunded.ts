import { createEvent, outboxMessage, paymentRefunded } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";

/**
 * The provider gave a payment's money back: COMPLETED → REFUNDED with `refundedAt`, and
 * `requestedAt` as when it was asked for, if given, announced as payment.refunded in the
 * same transaction (the buyer's refund mail and the end of a sale it paid for follow from
 * it). False when it was not COMPLETED (so recorded already): whoever learns of a refund
 * first (the worker that refunded, or the provider's webhook) records and announces it,
 * the other changes nothing, so each refund is announced once.
 */
export async function markPaymentRefunded(
  tx: Prisma.TransactionClient,
  {
    paymentId,
    now = new Date(),
    requestedAt,
  }: { paymentId: string; now?: Date; requestedAt?: Date },
): Promise<boolean> {
  const [payment] = await tx.payment.updateManyAndReturn({
    where: { id: paymentId, status: "COMPLETED" },
    data: {
      status: "REFUNDED",
      refundedAt: now,
      ...(requestedAt ? { refundRequestedAt: requestedAt } : {}),
    },
    select: { reservationId: true, provider: true },
  });
  if (!payment) return false;
  const event = createEvent(paymentRefunded, {
    reservationId: payment.reservationId,
    paymentId,
    provider: payment.provider,
  });
  await writeOutbox(tx, [outboxMessage(paymentRefunded, event, { key: payment.reservationId })]);
  return true;
}
