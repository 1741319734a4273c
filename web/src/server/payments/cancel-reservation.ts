import "server-only";
import { AppError } from "@ticketping/common/errors";
import { releaseSeats } from "@ticketping/common/holds";
import { requestRefunds } from "@ticketping/db";
import { db } from "../db";
import { logger } from "../logger";
import { getRedis } from "../redis";
import type { CancelledReservation } from "../reservations/schemas";

interface LockedReservation {
  status: string;
  schedule_id: string;
  starts_at: Date;
}

export const cancelledReason =
  "You cancelled these tickets. Your payment is being refunded in full.";

/**
 * The buyer gives confirmed tickets back before the show. In one transaction the
 * reservation becomes CANCELLED (the database's triggers put its seats back on sale) and
 * a refund of each of its payments goes to the outbox; the worker refunds through the
 * provider. Then the seat-map cache frees the seats, so others can book them at once.
 */
export async function cancelReservation({
  userId,
  reservationId,
  now = new Date(),
}: {
  userId: string;
  reservationId: string;
  now?: Date;
}): Promise<CancelledReservation> {
  const { scheduleId, seatIds } = await db().$transaction(async (tx) => {
    const [reservation] = await tx.$queryRaw<LockedReservation[]>`
      SELECT r.status::text AS status, r.schedule_id, sc.starts_at
        FROM reservations r JOIN schedules sc ON sc.id = r.schedule_id
       WHERE r.id = ${reservationId}::uuid AND r.user_id = ${userId}::uuid
         FOR UPDATE OF r`;
    if (!reservation)
      throw new AppError("NOT_FOUND", `no reservation ${reservationId} of this user`);
    if (reservation.status !== "CONFIRMED") {
      throw new AppError("CONFLICT", `reservation ${reservationId} is ${reservation.status}`, {
        userMessage: "Only confirmed tickets can be cancelled.",
        details: { status: reservation.status },
      });
    }
    if (reservation.starts_at <= now) {
      throw new AppError("CONFLICT", `the show of ${reservationId} has started`, {
        userMessage: "The show has already started; these tickets can no longer be cancelled.",
        details: { reason: "SHOW_STARTED" },
      });
    }
    await tx.reservation.update({
      where: { id: reservationId },
      data: { status: "CANCELLED", statusReason: cancelledReason, closedAt: now },
    });
    const payments = await tx.payment.findMany({
      where: { reservationId, status: "COMPLETED" },
      select: { id: true },
    });
    const seats = await tx.reservationSeat.findMany({
      where: { reservationId },
      select: { seatId: true },
    });
    await requestRefunds(tx, {
      reservationId,
      paymentIds: payments.map((payment) => payment.id),
      reason: "Cancelled by the buyer before the show.",
      now,
    });
    return { scheduleId: reservation.schedule_id, seatIds: seats.map((seat) => seat.seatId) };
  });

  try {
    await releaseSeats(getRedis(), { scheduleId, reservationId, seatIds });
  } catch (error) {
    // The cancellation stands; the worker's refund handling settles the cache again.
    logger.warn({ err: error, reservationId }, "could not free cancelled seats in the cache");
  }
  return { reservationId, status: "CANCELLED" };
}
