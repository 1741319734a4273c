import { z } from "zod";
import { ReservationStatus } from "@ticketping/db/browser";
import { dateTime } from "../http/date-time";
import { statusReasonCodes } from "./status-reason-code";

// Inputs and answers shared by the APIs of one reservation (release, checkout, cancel)
// and the buyer's list of their own.

export const reservationParamsSchema = z.object({ reservationId: z.uuid() });

export const reservationStatusSchema = z.enum(ReservationStatus);

/** A reservation the buyer ended: a released hold, or tickets cancelled before the show. */
export const cancelledReservationSchema = z.strictObject({
  reservationId: z.uuid(),
  status: z.literal("CANCELLED"),
});
export type CancelledReservation = z.infer<typeof cancelledReservationSchema>;

export const myReservationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const myReservationSchema = z.strictObject({
  id: z.uuid(),
  status: reservationStatusSchema,
  statusReason: z.string().nullable(),
  statusReasonCode: z
    .enum(statusReasonCodes)
    .nullable()
    .describe(
      "The stable code of `statusReason` (e.g. `showCancelled`), for a page to say it in its own language; null when there is no reason or it has no code.",
    ),
  amountMinor: z.int(),
  currency: z.string(),
  holdExpiresAt: dateTime,
  createdAt: dateTime,
  confirmedAt: dateTime.nullable(),
  closedAt: dateTime.nullable(),
  performance: z.strictObject({
    name: z.string(),
    slug: z.string(),
    posterUrl: z.string().nullable(),
    hallName: z.string(),
    hallTimeZone: z
      .string()
      .describe("The hall's IANA time zone: show times are on its clock (e.g. `Asia/Seoul`)."),
  }),
  schedule: z.strictObject({ id: z.uuid(), startsAt: dateTime }),
  seats: z.array(
    z.strictObject({
      row: z.int(),
      column: z.int(),
      gradeName: z.string(),
      colour: z.string(),
      priceMinor: z.int(),
      refunded: z
        .boolean()
        .describe("The organizer refunded this seat: its ticket no longer admits."),
      ticket: z
        .strictObject({
          id: z.uuid(),
          reference: z.string().describe("What door staff type when the QR code will not scan."),
          code: z.string().describe("The QR code's text: signed, checked at the door."),
        })
        .nullable()
        .describe(
          "The seat's ticket while the reservation is CONFIRMED and the seat not refunded; null otherwise.",
        ),
    }),
  ),
  refunds: z
    .array(
      z.strictObject({
        amountMinor: z.int(),
        currency: z.string(),
        requestedAt: dateTime,
        refundedAt: dateTime.nullable().describe("null while the provider has not made it yet"),
      }),
    )
    .describe(
      "One entry per refund: each organizer's refund (some or all seats), then each payment refunded or being refunded in full.",
    ),
});
export type MyReservation = z.infer<typeof myReservationSchema>;

export const myReservationsSchema = z.strictObject({
  reservations: z.array(myReservationSchema),
  asOf: dateTime.describe("The server's clock when read, for hold countdowns."),
});
export type MyReservations = z.infer<typeof myReservationsSchema>;
