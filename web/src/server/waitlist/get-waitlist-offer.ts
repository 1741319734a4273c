import "server-only";
import { db } from "../db";
import {
  ownReservationNotFound,
  type OwnReservationRequest,
} from "../reservations/own-reservation";
import { offerSelect, offerView } from "./offer-view";
import type { WaitlistOffer } from "./schemas";

/** One of the buyer's waitlist offers; someone else's reads as not found. */
export async function getWaitlistOffer({
  userId,
  reservationId,
}: OwnReservationRequest): Promise<WaitlistOffer> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId, waitlistEntryId: { not: null } },
    select: offerSelect,
  });
  if (!reservation) throw ownReservationNotFound(reservationId);
  return offerView(reservation);
}
