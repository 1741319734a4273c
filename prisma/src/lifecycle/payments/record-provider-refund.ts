import { createEvent, outboxMessage, paymentRefunded } from "@ticketping/common/events";
import type { PaymentProvider, Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import { markPaymentRefunded } from "./mark-payment-refunded";

export type ProviderRefundOutcome =
  /** No payment of ours has this provider id. */
  | "unknown-payment"
  /** REFUNDED already: our own refund, recorded by the worker. */
  | "already-refunded"
  /** Recorded now, and payment.refunded announced. */
  | "refunded";

/**
 * The provider reports a payment refunded in full. Marked REFUNDED; a refund we did not
 * record ourselves (made e.g. from the provider's dashboard) goes to the outbox as
 * payment.refunded, on which the worker ends the sale it paid for.
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
    select: { id: true, reservationId: true },
  });
  if (!payment) return "unknown-payment";
  if (!(await markPaymentRefunded(tx, { paymentId: payment.id, now }))) return "already-refunded";
  const event = createEvent(paymentRefunded, {
    reservationId: payment.reservationId,
    paymentId: payment.id,
    provider,
  });
  await writeOutbox(tx, [outboxMessage(paymentRefunded, event, { key: payment.reservationId })]);
  return "refunded";
}
