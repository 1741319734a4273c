// @ticketping/db/lifecycle: every change of a reservation's or payment's state, for the web
// app and the worker alike. Each transition is one function that takes the caller's
// transaction and writes, together, the new status, the reason the buyer reads (one table:
// status-reasons.ts), the events to the outbox and, where a redelivery must change nothing,
// the processed-event row. Calls outside PostgreSQL follow the commit: syncSeatCache for
// the seat-map cache (the provider's checkout session stays with whoever holds the provider).
//
// The database's triggers are the final word on what may happen (migrations
// *_integrity_rules and *_paid_means_yours); these functions only ask for what they allow:
//
//   PENDING   → CONFIRMED   confirmHeldReservation     its payment arrived in time
//   PENDING   → CANCELLED   releaseHeldReservation     the buyer gave the hold back
//   PENDING   → EXPIRED     expireHeldReservation      the hold lapsed unpaid
//   PENDING   → REFUNDED    refundUnappliedPayment     paid, but the amount was wrong
//   EXPIRED,  → CONFIRMED   reviveLapsedReservation    paid late, every seat still free
//   FAILED    → REFUNDED    refundUnappliedPayment     paid late, a seat taken meanwhile
//   CONFIRMED → CANCELLED   cancelConfirmedReservation the buyer gave tickets back before the show
//   CONFIRMED → REFUNDED    refundConfirmedReservation its payment was refunded elsewhere
//
// A PENDING reservation with a completed payment can only become CONFIRMED or REFUNDED
// (reservations_keep_paid_holds; isPaidHoldRefusal names the refusal), and one that released
// its seats never holds them again except by revival. A new transition is one more file in
// reservations/ that ends in the same few calls.
export {
  handleOnce,
  recordProcessedEvent,
  type HandledOnce,
  type ProcessedEventKey,
} from "./processed-events";
export { paymentReasons, statusReasons } from "./status-reasons";
export { syncSeatCache, type SeatCacheState } from "./sync-seat-cache";

export {
  cancelConfirmedReservation,
  type CancelOutcome,
} from "./reservations/cancel-confirmed-reservation";
export { confirmHeldReservation } from "./reservations/confirm-held-reservation";
export {
  EXPIRE_HOLD_CONSUMER,
  expireHeldReservation,
  holdExpiryEventId,
} from "./reservations/expire-held-reservation";
export { lockReservation, type LockedReservation } from "./reservations/lock-reservation";
export { refundConfirmedReservation } from "./reservations/refund-confirmed-reservation";
export { refundUnappliedPayment } from "./reservations/refund-unapplied-payment";
export { releaseHeldReservation } from "./reservations/release-held-reservation";
export { reviveLapsedReservation } from "./reservations/revive-lapsed-reservation";

export { markPaymentRefunded } from "./payments/mark-payment-refunded";
export {
  recordCheckoutPayment,
  type CheckoutPayment,
  type CheckoutPaymentRecord,
} from "./payments/record-checkout-payment";
export { recordCheckoutExpiry } from "./payments/record-checkout-expiry";
export {
  recordProviderRefund,
  type ProviderRefundOutcome,
} from "./payments/record-provider-refund";
export { requestRefunds } from "./payments/request-refunds";
