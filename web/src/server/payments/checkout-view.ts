import type { PaymentProviderName } from "@ticketping/common/payments";
import type { ReservationStatus } from "@ticketping/db/browser";

/** A buyer's reservation as the checkout page and GET /api/reservations/:id/checkout show it. */
export interface CheckoutView {
  reservationId: string;
  status: ReservationStatus;
  /** Why it ended (expired, refunded...), as "My tickets" shows it. */
  statusReason: string | null;
  amountMinor: number;
  currency: string;
  /** ISO 8601. */
  holdExpiresAt: string;
  confirmedAt: string | null;
  performance: { id: string; name: string; slug: string; hallName: string };
  schedule: { id: string; startsAt: string };
  seats: { seatId: string; row: number; column: number; gradeName: string; priceMinor: number }[];
  /** The provider this server takes payment with. */
  provider: PaymentProviderName;
  /**
   * The last payment attempt was declined and no new one has started: the hold stays, and
   * paying again opens a new payment page. Shown even when the decline came later than
   * the buyer's return from the provider (Stripe's asynchronous methods).
   */
  paymentDeclined: boolean;
  /** A confirmed reservation whose show has not started may be cancelled for a refund. */
  cancellable: boolean;
  /** The server's clock (epoch ms) when this was read, for countdowns. */
  serverNowMs: number;
}

/** The answer of POST /api/reservations/:id/checkout. */
export interface StartedCheckout {
  reservationId: string;
  provider: PaymentProviderName;
  sessionId: string;
  /** Where the browser goes to pay. */
  url: string;
  /** ISO 8601. */
  holdExpiresAt: string;
}
