import "server-only";
import { AppError } from "@ticketping/common/errors";
import { giveBackPresaleUseOfReservation, isPaidHoldRefusal } from "@ticketping/db";
import { releaseHeldReservation, syncSeatCache } from "@ticketping/db/lifecycle";
import { db } from "../db";
import { logger } from "../logger";
import { getPaymentProvider } from "../payments/payment-provider";
import { env } from "@/env";
import { getRedis } from "../redis";
import type { CancelledReservation } from "../reservations/schemas";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";

/**
 * The buyer gives a hold back: their PENDING reservation becomes CANCELLED and
 * hold.released goes to the outbox (releaseHeldReservation). Then the checkout session is
 * expired at the provider at once, so it can no longer be paid (the worker does it again on
 * hold.released, should this call fail), and the cache frees the seats by owner. A hold
 * whose payment is already recorded cannot be released (the database refuses): it is
 * about to be confirmed. Someone else's reservation is reported as not found, so ids
 * reveal nothing.
 */
export async function releaseHold({
  userId,
  reservationId,
  now = new Date(),
}: OwnReservationRequest): Promise<CancelledReservation> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId },
    select: {
      scheduleId: true,
      checkoutProvider: true,
      checkoutSessionId: true,
      presaleUseId: true,
    },
  });
  if (!reservation) throw ownReservationNotFound(reservationId);
  const { scheduleId } = reservation;

  const released = await db()
    .$transaction((tx) => releaseHeldReservation(tx, { reservationId, userId, scheduleId, now }))
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
  // A presale turn that is over gets its use back now if this was its last live hold; the
  // worker does it again on hold.released should this call fail.
  if (reservation.presaleUseId) {
    await giveBackPresaleUseOfReservation(db(), { reservationId }).catch((error: unknown) => {
      logger.warn({ err: error, reservationId }, "could not give a presale use back");
    });
  }
  await syncSeatCache(
    { redis: getRedis(), keyPrefix: env.SEAT_KEY_PREFIX },
    { reservationId, scheduleId, status: "CANCELLED" },
  );
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
