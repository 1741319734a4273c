import "server-only";
import { loadPrintableReservation, type LoadedPrintableReservation } from "@ticketping/db";
import { db } from "../db";
import { ownReservationNotFound } from "../reservations/own-reservation";

/**
 * One of the buyer's own reservations with its tickets while it is CONFIRMED. Someone
 * else's, missing, or not (or no longer) confirmed: NOT_FOUND alike, so ids reveal nothing.
 */
export async function loadOwnTickets({
  userId,
  reservationId,
}: {
  userId: string;
  reservationId: string;
}): Promise<LoadedPrintableReservation> {
  const reservation = await loadPrintableReservation(db(), reservationId);
  if (reservation?.userId !== userId || reservation.status !== "CONFIRMED") {
    throw ownReservationNotFound(reservationId);
  }
  return reservation;
}
