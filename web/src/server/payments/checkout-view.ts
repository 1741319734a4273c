import { z } from "zod";
import { paymentProviderNames } from "@ticketping/common/payments";
import { reservationStatusSchema } from "../reservations/schemas";
import { statusReasonCodes } from "../reservations/status-reason-code";

const providerSchema = z
  .enum(paymentProviderNames)
  .describe("The provider this server takes payment with.");

/** A buyer's reservation as the checkout page and GET /api/reservations/:id/checkout show it. */
export const checkoutViewSchema = z.strictObject({
  reservationId: z.uuid(),
  status: reservationStatusSchema,
  statusReason: z
    .string()
    .nullable()
    .describe('Why it ended (expired, refunded...), as "My tickets" shows it.'),
  statusReasonCode: z
    .enum(statusReasonCodes)
    .nullable()
    .describe(
      "The stable code of `statusReason` (e.g. `showCancelled`), for a page to say it in its own language; null when there is no reason or it has no code.",
    ),
  amountMinor: z.int(),
  currency: z.string(),
  holdExpiresAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  performance: z.strictObject({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    hallName: z.string(),
    hallTimeZone: z
      .string()
      .describe("The hall's IANA time zone: show times are on its clock (e.g. `Asia/Seoul`)."),
  }),
  schedule: z.strictObject({ id: z.uuid(), startsAt: z.iso.datetime() }),
  seats: z.array(
    z.strictObject({
      seatId: z.uuid(),
      row: z.int(),
      column: z.int(),
      gradeName: z.string(),
      priceMinor: z.int(),
    }),
  ),
  provider: providerSchema,
  // Shown even when the decline came later than the buyer's return from the provider
  // (Stripe's asynchronous methods).
  paymentDeclined: z
    .boolean()
    .describe(
      "The last payment attempt was declined and no new one has started: the hold stays, and paying again opens a new payment page.",
    ),
  cancellable: z
    .boolean()
    .describe("A confirmed reservation whose show has not started may be cancelled for a refund."),
  serverNowMs: z
    .int()
    .describe("The server's clock (epoch ms) when this was read, for countdowns."),
});
export type CheckoutView = z.infer<typeof checkoutViewSchema>;

/** The answer of POST /api/reservations/:id/checkout. */
export const startedCheckoutSchema = z.strictObject({
  reservationId: z.uuid(),
  provider: providerSchema,
  sessionId: z.string().describe("Opaque: store and send back, never build or parse."),
  url: z.string().describe("Where the browser goes to pay."),
  holdExpiresAt: z.iso.datetime(),
});
export type StartedCheckout = z.infer<typeof startedCheckoutSchema>;
