import { z } from "zod";
import { defineEvent } from "./define-event";

const id = z.string().min(1).max(64);
const minorAmount = z.number().int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/);
const provider = z.enum(["STRIPE", "SIMULATED"]);

/** The payment provider reported a paid checkout for a reservation. */
export const paymentCompleted = defineEvent({
  type: "payment.completed",
  version: 1,
  payload: z.object({
    reservationId: id,
    paymentId: id,
    provider,
    providerPaymentId: z.string().min(1).max(255),
    amountMinor: minorAmount,
    currency,
  }),
});

/** A reservation became CONFIRMED: its seats are SOLD and the buyer's queue slot can go. */
export const reservationConfirmed = defineEvent({
  type: "reservation.confirmed",
  version: 1,
  payload: z.object({
    reservationId: id,
    userId: id,
    performanceId: id,
    scheduleId: id,
    seatIds: z.array(id).min(1),
  }),
});

/** A seat hold lapsed before payment; the reservation must end and the seats come back. */
export const holdExpired = defineEvent({
  type: "hold.expired",
  version: 1,
  payload: z.object({
    reservationId: id,
    scheduleId: id,
    seatIds: z.array(id).min(1),
  }),
});

/**
 * The buyer gave their hold back (it is CANCELLED): its checkout session must stop taking
 * payment, so a payment after the release is the rare case rather than the normal one.
 */
export const holdReleased = defineEvent({
  type: "hold.released",
  version: 1,
  payload: z.object({
    reservationId: id,
    scheduleId: id,
  }),
});

/**
 * The provider reported a payment that did not go through (e.g. declined). The hold stays
 * so the buyer can try again with a new checkout session until it lapses.
 */
export const paymentFailed = defineEvent({
  type: "payment.failed",
  version: 1,
  payload: z.object({
    reservationId: id,
    paymentId: id,
    provider,
    reason: z.string().min(1).max(500),
  }),
});

/**
 * A checkout session can no longer be paid (it lapsed, or we expired it when the hold
 * lapsed): a reservation still waiting on that session has it retired, and its hold runs
 * to its own end (paying again opens a new session).
 */
export const checkoutExpired = defineEvent({
  type: "checkout.expired",
  version: 1,
  payload: z.object({
    reservationId: id,
    provider,
    sessionId: z.string().min(1).max(255),
  }),
});

/**
 * Money must go back to the buyer: a payment that landed after its hold lapsed and its
 * seats were taken, a second payment for one reservation, or a buyer's cancellation. The
 * Payment is marked refund-requested in the same transaction. The worker refunds through the
 * provider (idempotently, keyed by the payment) and records it. With `refundId`, an
 * organizer's refund (a Refund row: some or all seats, or a cancelled show's order): the
 * worker refunds that row's amount, keyed by the row.
 */
export const refundRequested = defineEvent({
  type: "refund.requested",
  version: 1,
  payload: z.object({
    reservationId: id,
    paymentId: id,
    reason: z.string().min(1).max(500),
    refundId: id.optional(),
  }),
});

/**
 * A payment was refunded in full, announced once by whoever recorded it first: the worker
 * after refunding through the provider, or the provider's report (e.g. of a refund made
 * from its dashboard). A reservation that was still CONFIRMED on it ends REFUNDED and its
 * seats return; the buyer is mailed. With `refundId`, an organizer's refund (a Refund row,
 * perhaps of part of the payment) was made: the order changed when it was asked for, and
 * the buyer is mailed about that refund.
 */
export const paymentRefunded = defineEvent({
  type: "payment.refunded",
  version: 1,
  payload: z.object({
    reservationId: id,
    paymentId: id,
    provider,
    refundId: id.optional(),
  }),
});

/**
 * The organizer cancelled a show (a schedule): it takes no more holds, and the worker
 * refunds every confirmed order of it, one Refund each (refund.requested), until none is
 * left. Redelivered or not, the worker's sweep finishes any show still having orders.
 */
export const showCancelled = defineEvent({
  type: "show.cancelled",
  version: 1,
  payload: z.object({
    scheduleId: id,
    performanceId: id,
    /** Orders up to this id were tried by an earlier delivery: the next batch starts after it. */
    after: id.optional(),
  }),
});

/**
 * A user must prove their address: the worker mails them the link of this verification
 * (email_verifications row). The event names the row, never the link: the link is signed by
 * the worker as it writes the mail, so it exists in the mail alone (not in the outbox,
 * Kafka's log or a dead-letter topic).
 */
export const accountVerificationRequested = defineEvent({
  type: "account.verification-requested",
  version: 1,
  payload: z.object({
    verificationId: id,
    userId: id,
  }),
});

/**
 * Seats that came back went to a buyer on the show's waitlist: the worker held them for the
 * entry's buyer as a PENDING reservation (the offer) until its holdExpiresAt. The buyer is
 * mailed the offer's link; the reservation's state decides, so a mail of an offer that
 * already ended is not sent.
 */
export const waitlistOffered = defineEvent({
  type: "waitlist.offered",
  version: 1,
  payload: z.object({
    reservationId: id,
    entryId: id,
    scheduleId: id,
    userId: id,
  }),
});

export const eventCatalog = [
  paymentCompleted,
  paymentFailed,
  paymentRefunded,
  refundRequested,
  checkoutExpired,
  reservationConfirmed,
  holdExpired,
  holdReleased,
  accountVerificationRequested,
  showCancelled,
  waitlistOffered,
] as const;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
