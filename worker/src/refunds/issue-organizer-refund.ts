import { markRefundIssued } from "@ticketping/db/lifecycle";
import type { HandlerDeps } from "../handlers/deps";
import type { RefundOutcome } from "./refund-payment";

/**
 * Makes an organizer's refund (a Refund row) at the provider, keyed by the row's id, so a
 * redelivered event, a second worker or the retry of pending refunds never refunds it
 * twice; then records it (REFUNDED, announced once as payment.refunded). A provider
 * failure throws and leaves the row REQUESTED, to be retried.
 */
export async function issueOrganizerRefund(
  { prisma, payments, logger }: Pick<HandlerDeps, "prisma" | "payments" | "logger">,
  { refundId }: { refundId: string },
): Promise<RefundOutcome> {
  const refund = await prisma.refund.findUnique({
    where: { id: refundId },
    select: {
      status: true,
      amountMinor: true,
      reservationId: true,
      paymentId: true,
      payment: { select: { provider: true, providerPaymentId: true } },
    },
  });
  if (refund?.status !== "REQUESTED") {
    logger.info({ refundId, status: refund?.status }, "nothing to refund");
    return "nothing-to-refund";
  }
  if (refund.payment.provider !== payments.name) {
    throw new Error(
      `refund ${refundId} is of a ${refund.payment.provider} payment, but ${payments.name} is configured`,
    );
  }
  const made = await payments.refundPayment({
    paymentId: refund.paymentId,
    refundId,
    reservationId: refund.reservationId,
    providerPaymentId: refund.payment.providerPaymentId,
    amountMinor: refund.amountMinor,
  });
  // Logged per provider call: the crash tests count these to prove no refund was made twice.
  logger.info(
    { refundId, providerRefundId: made.refundId, amountMinor: refund.amountMinor },
    "organizer refund made at the provider",
  );
  const recorded = await prisma.$transaction((tx) =>
    markRefundIssued(tx, { refundId, providerRefundId: made.refundId }),
  );
  return recorded ? "refunded" : "nothing-to-refund";
}
