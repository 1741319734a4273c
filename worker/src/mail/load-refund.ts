import type { PrismaClient } from "@ticketping/db";
import { organizerRefundedMinor, paymentReasons } from "@ticketping/db/lifecycle";
import { loadReservationForMail, type ReservationForMail } from "./load-reservation";

export interface RefundForMail {
  /** The payment (or the organizer's Refund) as stored now: only REFUNDED has money on its way back. */
  status: string;
  amountMinor: number;
  currency: string;
  /** Why, as the buyer reads it. */
  reason: string;
  /** The whole show was cancelled: the buyer gets the show-cancelled mail instead. */
  showCancelled: boolean;
  reservation: ReservationForMail;
}

/**
 * A refund as its mail tells it: an organizer's Refund row (`refundId`), or else a refunded
 * payment less what organizers' refunds had given back of it; null when unknown.
 */
export async function loadRefundForMail(
  prisma: PrismaClient,
  { paymentId, refundId }: { paymentId: string; refundId?: string | undefined },
): Promise<RefundForMail | null> {
  if (refundId) return loadOrganizerRefund(prisma, refundId);
  const payment = await prisma.payment.findUnique({
    where: { id: paymentId },
    select: {
      status: true,
      amountMinor: true,
      currency: true,
      failureReason: true,
      reservationId: true,
    },
  });
  if (!payment) return null;
  const reservation = await loadReservationForMail(prisma, payment.reservationId);
  if (!reservation) return null;
  return {
    status: payment.status,
    amountMinor: payment.amountMinor - (await organizerRefundedMinor(prisma, { paymentId })),
    currency: payment.currency,
    // Set when we asked for the refund; one made at the provider comes with no reason.
    reason: payment.failureReason ?? paymentReasons.refundedAtProvider,
    showCancelled: false,
    reservation,
  };
}

async function loadOrganizerRefund(
  prisma: PrismaClient,
  refundId: string,
): Promise<RefundForMail | null> {
  const refund = await prisma.refund.findUnique({
    where: { id: refundId },
    select: {
      status: true,
      amountMinor: true,
      currency: true,
      reason: true,
      cause: true,
      reservationId: true,
    },
  });
  if (!refund) return null;
  const reservation = await loadReservationForMail(prisma, refund.reservationId);
  if (!reservation) return null;
  return {
    status: refund.status,
    amountMinor: refund.amountMinor,
    currency: refund.currency,
    reason: refund.reason,
    showCancelled: refund.cause === "SHOW_CANCELLED",
    reservation,
  };
}
