import { z } from "zod";
import { PaymentProvider, ReservationStatus } from "@ticketping/db/browser";
import { dateTime } from "../http/date-time";
import { text } from "../http/text";
import { reservationStatusSchema } from "../reservations/schemas";

// Inputs and answers of the organizer's orders and attendees (per show or per performance).

/** A list of values as one query parameter, comma-separated ("CONFIRMED,REFUNDED"). */
function commaList<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z
    .string()
    .transform((list) => [...new Set(list.split(",").map((value) => value.trim()))])
    .pipe(z.array(z.enum(values)).min(1))
    .describe(`Comma-separated, any of: ${values.join(", ")}. Left out: every status.`);
}

const q = text()
  .trim()
  .min(1, "Type at least one character.")
  .max(100, "Use at most 100 characters.")
  .describe(
    "Any part of the buyer's name or email (any case), a seat as `R3-12` or `3-12`, or an order id.",
  );

const cursor = z
  .string()
  .max(300)
  .describe("The `nextCursor` of the previous page, as it was given (opaque).");

const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(50)
  .describe("Rows per page, 1–100 (default 50).");

export const orderStatuses = Object.values(ReservationStatus) as [
  ReservationStatus,
  ...ReservationStatus[],
];

export const ordersQuerySchema = z.object({
  q: q.optional(),
  status: commaList(orderStatuses).optional(),
  cursor: cursor.optional(),
  limit,
});
export type OrdersQuery = z.infer<typeof ordersQuerySchema>;

/** The export takes the list's filters; it has no pages. */
export const ordersExportQuerySchema = ordersQuerySchema.pick({ q: true, status: true });
export type OrdersExportQuery = z.infer<typeof ordersExportQuerySchema>;

export const attendeeStatuses = ["VALID", "REFUNDED", "CANCELLED"] as const;
export type AttendeeStatus = (typeof attendeeStatuses)[number];

const checkedIn = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .describe("true: only those admitted at the door; false: only those not yet.");

export const attendeesQuerySchema = z.object({
  q: q.optional(),
  status: commaList(attendeeStatuses).optional(),
  checkedIn: checkedIn.optional(),
  cursor: cursor.optional(),
  limit,
});
export type AttendeesQuery = z.infer<typeof attendeesQuerySchema>;

export const attendeesExportQuerySchema = attendeesQuerySchema.pick({
  q: true,
  status: true,
  checkedIn: true,
});
export type AttendeesExportQuery = z.infer<typeof attendeesExportQuerySchema>;

const showSchema = z.strictObject({ scheduleId: z.uuid(), startsAt: dateTime });

const seatSchema = z.strictObject({
  label: z.string().describe('As printed on the ticket, "R3-12": row 3, seat 12.'),
  row: z.int(),
  column: z.int(),
  gradeName: z.string(),
});

export const adminOrderSchema = z.strictObject({
  id: z.uuid(),
  status: reservationStatusSchema,
  buyer: z.strictObject({ name: z.string(), email: z.string() }),
  show: showSchema,
  seats: z.array(
    seatSchema.extend({
      priceMinor: z.int(),
      refunded: z.boolean().describe("The organizer refunded this seat."),
    }),
  ),
  amountMinor: z.int(),
  currency: z.string(),
  createdAt: dateTime,
  confirmedAt: dateTime.nullable(),
  paidAt: dateTime.nullable().describe("When the payment was recorded; null without one."),
  refundedAt: dateTime
    .nullable()
    .describe("When the provider last gave money back (whole or some seats); null if never."),
  payment: z
    .strictObject({
      provider: z.enum(PaymentProvider),
      id: z.string().describe("The provider's payment id (Stripe's PaymentIntent id)."),
    })
    .nullable()
    .describe("The order's payment (the latest one not declined); null without one."),
});
export type AdminOrder = z.infer<typeof adminOrderSchema>;

export const ordersPageSchema = z.strictObject({
  orders: z.array(adminOrderSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe("Pass as `cursor` for the next page; null on the last page."),
});
export type OrdersPage = z.infer<typeof ordersPageSchema>;

export const adminAttendeeSchema = z.strictObject({
  ticketId: z.uuid(),
  reference: z.string().describe("The 13 characters printed under the QR code."),
  status: z
    .enum(attendeeStatuses)
    .describe(
      "VALID: admits at the door. REFUNDED: the seat or the order was refunded. CANCELLED: the buyer cancelled.",
    ),
  holder: z.strictObject({ name: z.string(), email: z.string() }),
  orderId: z.uuid(),
  show: showSchema,
  seat: seatSchema,
  priceMinor: z.int(),
  currency: z.string(),
  checkIn: z
    .strictObject({ gate: z.string(), scannedAt: dateTime })
    .nullable()
    .describe("The admission at the door; null while not checked in."),
});
export type AdminAttendee = z.infer<typeof adminAttendeeSchema>;

export const attendeesPageSchema = z.strictObject({
  attendees: z.array(adminAttendeeSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe("Pass as `cursor` for the next page; null on the last page."),
});
export type AttendeesPage = z.infer<typeof attendeesPageSchema>;
