import "server-only";
import { AppError } from "@ticketping/common/errors";
import { scheduleKeys } from "@ticketping/common/seats";
import { env } from "@/env";
import { db } from "../db";
import { logger } from "../logger";
import { getRedis } from "../redis";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";
import { offerSelect, offerView } from "./offer-view";
import type { WaitlistOffer } from "./schemas";

/**
 * The buyer takes a waitlist offer: its seats become their ordinary hold, for
 * HOLD_TTL_SECONDS from now (never less than the offer had left), paid at checkout as any
 * hold; no place in the queue is needed, the offer is the entitlement. One statement
 * decides against the offer's lapse: the worker expires a hold only while its time has
 * passed, so either the offer lapsed first (OFFER_ENDED here) or it is accepted and no
 * longer due. The schedule row is locked first (shared), as every path that touches a
 * show's reservations. Then the Redis hold key lives as long (PostgreSQL stays the truth
 * should that fail: the worker's sweep ends the hold at its time).
 */
export async function acceptWaitlistOffer({
  userId,
  reservationId,
  now = new Date(),
}: OwnReservationRequest): Promise<WaitlistOffer> {
  const offer = await db().reservation.findFirst({
    where: { id: reservationId, userId, waitlistEntryId: { not: null } },
    select: { scheduleId: true, waitlistEntryId: true },
  });
  if (!offer?.waitlistEntryId) throw ownReservationNotFound(reservationId);
  const entryId = offer.waitlistEntryId;
  const holdUntil = new Date(now.getTime() + env.HOLD_TTL_SECONDS * 1000);

  const accepted = await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM schedules WHERE id = ${offer.scheduleId}::uuid FOR SHARE`;
    const rows = await tx.$queryRaw<{ hold_expires_at: Date }[]>`
      UPDATE reservations
         SET offer_accepted_at = ${now},
             hold_expires_at = GREATEST(hold_expires_at, ${holdUntil}),
             updated_at = ${now}
       WHERE id = ${reservationId}::uuid AND user_id = ${userId}::uuid
         AND status = 'PENDING' AND offer_accepted_at IS NULL AND hold_expires_at > ${now}
      RETURNING hold_expires_at`;
    if (rows.length === 0) return null;
    await tx.waitlistEntry.update({
      where: { id: entryId },
      data: { status: "ACCEPTED", updatedAt: now },
    });
    return rows[0]?.hold_expires_at ?? holdUntil;
  });
  if (!accepted) {
    throw new AppError("CONFLICT", `offer ${reservationId} is not open`, {
      userMessage: "This offer has ended: it was taken, declined or ran out of time.",
      details: { reason: "OFFER_ENDED" },
    });
  }

  const keys = scheduleKeys(env.SEAT_KEY_PREFIX, offer.scheduleId);
  await getRedis()
    .multi()
    .set(keys.hold(reservationId), userId, "PXAT", accepted.getTime())
    .pexpireat(keys.buyer(userId), accepted.getTime())
    .exec()
    .catch((error: unknown) => {
      logger.warn({ err: error, reservationId }, "could not extend an accepted offer's Redis hold");
    });

  const reservation = await db().reservation.findUniqueOrThrow({
    where: { id: reservationId },
    select: offerSelect,
  });
  return offerView(reservation);
}
