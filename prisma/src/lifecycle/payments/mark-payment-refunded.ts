import type { Prisma } from "../../generated/client";

/**
 * The provider gave a payment's money back: COMPLETED → REFUNDED with `refundedAt`, and
 * `requestedAt` as when it was asked for, if given. False when it was not COMPLETED (so
 * recorded already): whoever learns of a refund first records it, the other changes
 * nothing.
 */
export async function markPaymentRefunded(
  client: Prisma.TransactionClient,
  {
    paymentId,
    now = new Date(),
    requestedAt,
  }: { paymentId: string; now?: Date; requestedAt?: Date },
): Promise<boolean> {
  const { count } = await client.payment.updateMany({
    where: { id: paymentId, status: "COMPLETED" },
    data: {
      status: "REFUNDED",
      refundedAt: now,
      ...(requestedAt ? { refundRequestedAt: requestedAt } : {}),
    },
  });
  return count === 1;
}
