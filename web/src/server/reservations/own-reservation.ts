import { AppError } from "@ticketping/common/errors";

/** A buyer's request about one of their own reservations (release, checkout, cancel). */
export interface OwnReservationRequest {
  userId: string;
  reservationId: string;
  now?: Date;
}

/** Missing, or someone else's: both read the same, so reservation ids reveal nothing. */
export function ownReservationNotFound(reservationId: string): AppError {
  return new AppError("NOT_FOUND", `no reservation ${reservationId} of this user`);
}
