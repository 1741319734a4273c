import { createEvent, outboxMessage, refundRequested } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";

/**
 * Asks for payments' money back, inside the caller's transaction: each payment is marked
 * refund-requested (with the reason the buyer reads) and refund.requested goes to the
 * outbox. From then on the refund is pending, visibly, until the worker records it
 * (REFUNDED with refundedAt); the worker retries any that stay pending, so an announced
 * refund is one that happens.
 */
export async function requestRefunds(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    paymentIds,
    reason,
    now = new Date(),
  }: { reservationId: string; paymentIds: readonly string[]; reason: string; now?: Date },
): Promise<void> {
  if (paymentIds.length === 0) return;
  await tx.payment.updateMany({
    where: { id: { in: [...paymentIds] }, status: "COMPLETED", refundRequestedAt: null },
    data: { refundRequestedAt: now, failureReason: reason },
  });
  await writeOutbox(
    tx,
    paymentIds.map((paymentId) =>
      outboxMessage(
        refundRequested,
        createEvent(refundRequested, { reservationId, paymentId, reason }),
        { key: reservationId },
      ),
    ),
  );
}
