/**
 * What the buyer reads in "My tickets" and on the checkout page about how a reservation
 * ended (reservations.status_reason), one text per way of ending. Each says what really
 * happened to the seats and the money.
 */
export const statusReasons = {
  releasedByBuyer: "Released by the buyer.",
  cancelledByBuyer: "You cancelled these tickets. Your payment is being refunded in full.",
  expired: "The hold ran out before payment; the seats went back on sale.",
  refundedAtProvider: "Your payment was refunded and these tickets were cancelled.",
  paymentTooLate:
    "Your payment arrived after the hold ran out, and the seats had gone to another buyer by then. Your payment is being refunded in full.",
  paymentAfterEnd:
    "This reservation had already ended when your payment arrived. Your payment is being refunded in full.",
  duplicatePayment:
    "A second payment for an already confirmed reservation is being refunded in full.",
  refundedByOrganizer: "The organizer refunded these tickets. Your payment is being refunded.",
  showCancelled: "The show was cancelled. Your payment is being refunded in full.",
  holdShowCancelled:
    "The show was cancelled before this hold was paid for; any payment for it is refunded in full.",
  amountMismatch:
    "The amount paid did not match the reservation, so the payment is being refunded in full.",
} as const;

/** Why a payment failed or is being refunded (payments.failure_reason). */
export const paymentReasons = {
  declined: "The payment was declined.",
  cancelledByBuyer: "Cancelled by the buyer before the show.",
  refundedByOrganizer: "Refunded by the organizer.",
  showCancelled: "The show was cancelled.",
  /** A refund we did not ask for (made at the provider, e.g. from its dashboard). */
  refundedAtProvider: "The payment was refunded through the payment provider.",
} as const;
