import "server-only";
import { AppError } from "@ticketping/common/errors";
import { cancelConfirmedReservation, syncSeatCache } from "@ticketping/db/lifecycle";
import { db } from "../db";
import { logger } from "../logger";
import { env } from "@/env";
import { getRedis } from "../redis";
import type { CancelledReservation } from "../reservations/schemas";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";

/**
 * The buyer gives confirmed tickets back before the show. In one transaction the
 * reservation becomes CANCELLED (the database's triggers put its seats back on sale) and
 * a refund of each of its payments goes to the outbox (cancelConfirmedReservation); the
 * worker refunds through the provider. Then the seat-map cache frees the seats the database
 * released, so others can book them at once; seats the organizer refunded before are left
 * as they are (kept off sale stays SOLD; one put back on sale may be someone else's now).
 */
export async function cancelReservation({
  userId,
  reservationId,
  now = new Date(),
}: OwnReservationRequest): Promise<CancelledReservation> {
  const result = await db().$transaction((tx) =>
    cancelConfirmedReservation(tx, { reservationId, userId, now }),
  );
  switch (result.outcome) {
    case "not-found":
      throw ownReservationNotFound(reservationId);
    case "not-confirmed":
      throw new AppError("CONFLICT", `reservation ${reservationId} is ${result.status}`, {
        userMessage: "Only confirmed tickets can be cancelled.",
        details: { status: result.status },
      });
    case "show-started":
      throw new AppError("CONFLICT", `the show of ${reservationId} has started`, {
        userMessage: "The show has already started; these tickets can no longer be cancelled.",
        details: { reason: "SHOW_STARTED" },
      });
    case "cancelled":
      break;
  }

  const { scheduleId, seatIds } = result;
  try {
    await syncSeatCache(
      { redis: getRedis(), keyPrefix: env.SEAT_KEY_PREFIX },
      { reservationId, scheduleId, status: "CANCELLED", seatIds },
    );
  } catch (error) {
    // The cancellation stands; the worker's refund handling settles the cache again.
    logger.warn({ err: error, reservationId }, "could not free cancelled seats in the cache");
  }
  return { reservationId, status: "CANCELLED" };
}
