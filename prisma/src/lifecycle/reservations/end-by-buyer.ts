import type { Prisma } from "../../generated/client";

/**
 * The buyer ends their own reservation: from `from` to CANCELLED with `reason`. The
 * database's triggers put its seats back on sale, and refuse it for a hold with a recorded
 * payment (isPaidHoldRefusal). False when it is not the buyer's or no longer in `from`.
 */
export async function endByBuyer(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    userId,
    from,
    reason,
    now,
  }: {
    reservationId: string;
    userId: string;
    from: "PENDING" | "CONFIRMED";
    reason: string;
    now: Date;
  },
): Promise<boolean> {
  const { count } = await tx.reservation.updateMany({
    where: { id: reservationId, userId, status: from },
    data: { status: "CANCELLED", statusReason: reason, closedAt: now },
  });
  return count === 1;
}
