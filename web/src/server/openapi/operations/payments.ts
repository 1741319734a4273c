import { z } from "zod";
import { checkoutViewSchema, startedCheckoutSchema } from "../../payments/checkout-view";
import { webhookAnswerSchema } from "../../payments/webhook-answer";
import { cancelledReservationSchema, reservationParamsSchema } from "../../reservations/schemas";
import type { Operation } from "../operation";

const tag = "Payments";
/** One of the caller's own reservations. */
const ownReservation = { tag, access: "session", params: reservationParamsSchema } as const;

/** What Stripe sends; the route verifies the signature of the raw bytes before reading it. */
const stripeEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

export const paymentOperations: Operation[] = [
  {
    ...ownReservation,
    method: "get",
    path: "/api/reservations/{reservationId}/checkout",
    operationId: "getCheckout",
    summary: "The caller's reservation as checkout shows it (polled while a payment settles)",
    answers: { 200: { description: "The reservation.", data: checkoutViewSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    ...ownReservation,
    method: "post",
    path: "/api/reservations/{reservationId}/checkout",
    operationId: "startCheckout",
    summary: "Opens the payment page of a PENDING hold, or returns the one already open",
    description:
      "Send the browser to `url`. `CONFLICT` when not PENDING (`details.status`) or paid already (`details.reason: PAYMENT_IN_PROGRESS`); `SERVICE_UNAVAILABLE` when the provider did not answer (the seats stay held).",
    answers: { 200: { description: "The payment page.", data: startedCheckoutSchema } },
    errors: ["HOLD_EXPIRED", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...ownReservation,
    method: "post",
    path: "/api/reservations/{reservationId}/cancel",
    operationId: "cancelReservation",
    summary: "Cancels confirmed tickets before the show; the payment is refunded",
    description:
      "`CONFLICT` when not CONFIRMED (`details.status`) or the show started (`details.reason: SHOW_STARTED`).",
    answers: { 200: { description: "Cancelled.", data: cancelledReservationSchema } },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    method: "post",
    path: "/api/webhooks/stripe",
    operationId: "stripeWebhook",
    tag,
    summary: "Stripe's endpoint: records a payment event once, durably, then answers 200",
    description:
      "The raw body (at most 512 KB) is verified with `STRIPE_WEBHOOK_SECRET` (300 s tolerance) before anything is read. Any answer but 200 makes Stripe deliver the event again; a redelivery answers `duplicate`. `VALIDATION_FAILED` is a signed object of an unexpected shape.",
    access: "stripe",
    crossSiteAllowed: true,
    body: stripeEventSchema,
    answers: { 200: { description: "Recorded (or not needed).", data: webhookAnswerSchema } },
    errors: ["WEBHOOK_SIGNATURE_INVALID", "SERVICE_UNAVAILABLE"],
  },
];
