// @ticketping/db/lifecycle: every change of a reservation's or payment's state, for the web
// app and the worker alike. Each transition is one function that takes the caller's
// transaction and writes, together, the new status, the reason the buyer reads
// (status-reasons.ts), the events to the outbox and, where a redelivery must change
// nothing, the processed-event row; syncSeatCache follows the commit. The transitions and
// what the database's triggers allow are listed in prisma/README.md ("The reservation
// lifecycle"): a new one is one more file in reservations/ and one more row there.
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
export { endHoldsOfCancelledShow } from "./reservations/end-holds-of-cancelled-show";
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

export { cancelShow, type CancelShowOutcome } from "./refunds/cancel-show";
export { markRefundIssued } from "./refunds/mark-refund-issued";
export { organizerRefundedMinor } from "./refunds/organizer-refunded-minor";
export {
  requestOrganizerRefund,
  type OrganizerRefundOutcome,
  type OrganizerRefundRequest,
} from "./refunds/request-organizer-refund";

export { closeWaitlist } from "./waitlist/close-waitlist";
