import type { Prisma, ReservationStatus } from "../../generated/client";
import { requestRefunds } from "../payments/request-refunds";

/** A reservation in one of these never sold: it ends REFUNDED once its payment goes back. */
const UNSOLD: readonly ReservationStatus[] = ["PENDING", "EXPIRED", "FAILED"];

/**
 * A completed payment that cannot buy its reservation (seats taken meanwhile, a second
 * payment, a wrong amount, a released hold) goes back: its refund is requested with
 * `reason`, which the buyer reads. A reservation that never sold (PENDING, EXPIRED,
 * FAILED) becomes REFUNDED with that reason, so it tells the buyer what happened to
 * their money; a confirmed one stays confirmed, and a cancelled or refunded one keeps its
 * own story.
 */
export async function refundUnappliedPayment(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    status,
    paymentId,
    reason,
  }: { reservationId: string; status: ReservationStatus; paymentId: string; reason: string },
): Promise<void> {
  if (UNSOLD.includes(status)) {
    await tx.reservation.update({
      where: { id: reservationId },
      data: { status: "REFUNDED", statusReason: reason },
    });
  }
  await requestRefunds(tx, { reservationId, paymentIds: [paymentId], reason });
}
