import type { Prisma } from "../../generated/client";

/**
 * How much of a payment organizers' refunds have taken (asked for or made): a refund of
 * the whole payment afterwards (the buyer's cancellation) gives back only the rest.
 */
export async function organizerRefundedMinor(
  prisma: Pick<Prisma.TransactionClient, "refund">,
  { paymentId }: { paymentId: string },
): Promise<number> {
  const { _sum } = await prisma.refund.aggregate({
    where: { paymentId },
    _sum: { amountMinor: true },
  });
  return _sum.amountMinor ?? 0;
}
