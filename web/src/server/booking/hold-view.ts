/** A buyer's hold as the API returns it. */
export interface HoldView {
  reservationId: string;
  scheduleId: string;
  seatIds: string[];
  amountMinor: number;
  currency: string;
  /** ISO 8601; the seats are released at this moment unless paid. */
  holdExpiresAt: string;
}
