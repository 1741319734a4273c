import type { Prisma } from "../../generated/client";
import { statusReasons } from "../status-reasons";

/**
 * The provider refunded, from outside (e.g. its dashboard), the payment that confirmed a
 * reservation: CONFIRMED → REFUNDED, seats back on sale. Nothing changes while another
 * completed payment still pays for it, or when it is no longer CONFIRMED (a refund we
 * asked for concerns a reservation that already ended). True when it changed.
 */
export async function refundConfirmedReservation(
  tx: Prisma.TransactionClient,
  { reservationId, paymentId }: { reservationId: string; paymentId: string },
): Promise<boolean> {
  const stillPaid = await tx.payment.count({
    where: { reservationId, status: "COMPLETED", id: { not: paymentId } },
  });
  if (stillPaid > 0) return false;
  const { count } = await tx.reservation.updateMany({
    where: { id: reservationId, status: "CONFIRMED" },
    data: { status: "REFUNDED", statusReason: statusReasons.refundedAtProvider },
  });
  return count === 1;
}
