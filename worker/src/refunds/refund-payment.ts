import { markPaymentRefunded, organizerRefundedMinor } from "@ticketping/db/lifecycle";
import type { HandlerDeps } from "../handlers/deps";

export type RefundOutcome = "refunded" | "nothing-to-refund";

/**
 * Gives a payment's money back through the provider, then records it on the Payment
 * (REFUNDED, refundedAt) and announces it (payment.refunded, from which the buyer's refund
 * mail follows). Safe to run any number of times, from the refund.requested handler and
 * from the retry of pending refunds alike: the provider refunds a payment once per
 * idempotency key (our payment id), and the row changes only from COMPLETED. A provider
 * failure throws; the row stays COMPLETED and refund-requested, so it is retried.
 */
export async function refundPayment(
  { prisma, payments, logger }: Pick<HandlerDeps, "prisma" | "payments" | "logger">,
  { paymentId }: { paymentId: string },
): Promise<RefundOutcome> {
  const payment = await prisma.payment.findUnique({ where: { id: paymentId } });
  if (payment?.status !== "COMPLETED") {
    logger.info({ paymentId, status: payment?.status }, "nothing to refund");
    return "nothing-to-refund";
  }
  if (payment.provider !== payments.name) {
    throw new Error(
      `payment ${paymentId} was made with ${payment.provider}, but ${payments.name} is configured`,
    );
  }
  // What organizers' refunds already gave back of it is not refunded again.
  const amountMinor = payment.amountMinor - (await organizerRefundedMinor(prisma, { paymentId }));
  const { refundId } =
    amountMinor > 0
      ? await payments.refundPayment({
          paymentId,
          reservationId: payment.reservationId,
          providerPaymentId: payment.providerPaymentId,
          amountMinor,
        })
      : { refundId: "nothing-left" };
  const now = new Date();
  await prisma.$transaction((tx) =>
    markPaymentRefunded(tx, { paymentId, now, requestedAt: payment.refundRequestedAt ?? now }),
  );
  logger.info({ paymentId, reservationId: payment.reservationId, refundId }, "payment refunded");
  return "refunded";
}
