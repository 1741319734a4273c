import type { PaymentProvider, Prisma } from "../../generated/client";
import { markPaymentRefunded } from "./mark-payment-refunded";

export type ProviderRefundOutcome =
  /** No payment of ours has this provider id. */
  | "unknown-payment"
  /** REFUNDED already: our own refund, recorded by the worker. */
  | "already-refunded"
  /** Recorded now, and payment.refunded announced. */
  | "refunded";

/**
 * The provider reports a payment refunded in full. Marked REFUNDED and announced as
 * payment.refunded (markPaymentRefunded); for a refund we did not make ourselves (e.g. from
 * the provider's dashboard) the worker then ends the sale it paid for.
 */
export async function recordProviderRefund(
  tx: Prisma.TransactionClient,
  {
    provider,
    providerPaymentId,
    now = new Date(),
  }: { provider: PaymentProvider; providerPaymentId: string; now?: Date },
): Promise<ProviderRefundOutcome> {
  const payment = await tx.payment.findUnique({
    where: { provider_providerPaymentId: { provider, providerPaymentId } },
    select: { id: true },
  });
  if (!payment) return "unknown-payment";
  const recorded = await markPaymentRefunded(tx, { paymentId: payment.id, now });
  return recorded ? "refunded" : "already-refunded";
}
