import "server-only";
import { AppError } from "@ticketping/common/errors";
import { createEvent, holdReleased, outboxMessage } from "@ticketping/common/events";
import { releaseSeats } from "@ticketping/common/holds";
import { isPaidHoldRefusal, writeOutbox } from "@ticketping/db";
import { db } from "../db";
import { logger } from "../logger";
import { getPaymentProvider } from "../payments/payment-provider";
import { getRedis } from "../redis";
import type { CancelledReservation } from "../reservations/schemas";

/**
 * The buyer gives a hold back: their PENDING reservation becomes CANCELLED (the
 * database's triggers free its seats) and hold.released goes to the outbox. Then the
 * checkout session is expired at the provider at once, so it can no longer be paid (the
 * worker does it again on hold.released, should this call fail), and the cache frees the
 * seats by owner. A hold whose payment is already recorded cannot be
 * released (the database refuses): it is about to be confirmed. Someone else's
 * reservation is reported as not found, so ids reveal nothing.
 */
export async function releaseHold({
  userId,
  reservationId,
  now = new Date(),
}: {
  userId: string;
  reservationId: string;
  now?: Date;
}): Promise<CancelledReservation> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId },
    select: { scheduleId: true, checkoutProvider: true, checkoutSessionId: true },
  });
  if (!reservation) throw new AppError("NOT_FOUND", `no reservation ${reservationId} of this user`);
  const { scheduleId } = reservation;

  const released = await db()
    .$transaction(async (tx) => {
      const { count } = await tx.reservation.updateMany({
        where: { id: reservationId, userId, status: "PENDING" },
        data: { status: "CANCELLED", statusReason: "Released by the buyer.", closedAt: now },
      });
      if (count === 0) return false;
      const event = createEvent(holdReleased, { reservationId, scheduleId });
      await writeOutbox(tx, [outboxMessage(holdReleased, event, { key: reservationId })]);
      return true;
    })
    .catch((error: unknown) => {
      if (!isPaidHoldRefusal(error)) throw error;
      throw new AppError("CONFLICT", `reservation ${reservationId} is paid`, {
        userMessage:
          "Your payment for these seats is being processed; they can no longer be released.",
        details: { reason: "PAYMENT_IN_PROGRESS" },
      });
    });
  if (!released) {
    throw new AppError("CONFLICT", `reservation ${reservationId} is not an open hold`, {
      userMessage: "This hold has already ended.",
    });
  }
  await expireSession(reservation);
  await releaseSeats(getRedis(), { scheduleId, reservationId });
  return { reservationId, status: "CANCELLED" };
}

async function expireSession(reservation: {
  checkoutProvider: string | null;
  checkoutSessionId: string | null;
}): Promise<void> {
  const payments = getPaymentProvider();
  if (!reservation.checkoutSessionId || reservation.checkoutProvider !== payments.name) return;
  await payments.expireCheckoutSession(reservation.checkoutSessionId).catch((error: unknown) => {
    logger.warn({ err: error }, "could not expire a released hold's session; the worker will");
  });
}
