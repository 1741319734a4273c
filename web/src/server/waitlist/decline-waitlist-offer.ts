import "server-only";
import { releaseHold } from "../booking/release-hold";
import { db } from "../db";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";
import type { CancelledReservation } from "../reservations/schemas";

/**
 * The buyer declines a waitlist offer (or gives back the hold an accepted one became): it
 * ends as any released hold (CANCELLED, hold.released, the cache freed), and the worker
 * then passes the seats to the next entry that fits. The entry has had its turn.
 */
export async function declineWaitlistOffer({
  userId,
  reservationId,
  now = new Date(),
}: OwnReservationRequest): Promise<CancelledReservation> {
  const offer = await db().reservation.findFirst({
    where: { id: reservationId, userId, waitlistEntryId: { not: null } },
    select: { id: true },
  });
  if (!offer) throw ownReservationNotFound(reservationId);
  return releaseHold({ userId, reservationId, now });
}
