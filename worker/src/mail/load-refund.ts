import type { PrismaClient } from "@ticketping/db";
import { paymentReasons } from "@ticketping/db/lifecycle";
import { loadReservationForMail, type ReservationForMail } from "./load-reservation";

export interface RefundForMail {
  /** The payment as stored now: only REFUNDED has money on its way back. */
  status: string;
  amountMinor: number;
  currency: string;
  /** Why, as the buyer reads it. */
  reason: string;
  reservation: ReservationForMail;
}

/** A refunded payment and the reservation it paid for; null when either is unknown. */
export async function loadRefundForMail(
  prisma: PrismaClient,
  paymentId: string,
): Promise<RefundForMail | null> {
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
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    // Set when we asked for the refund; one made at the provider comes with no reason.
    reason: payment.failureReason ?? paymentReasons.refundedAtProvider,
    reservation,
  };
}
