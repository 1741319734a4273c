import { z } from "zod";
import { dateTime } from "../http/date-time";
import { text } from "../http/text";

// Inputs and answers of the organizer's refunds and show cancellations.

const reason = text()
  .trim()
  .min(1, "Required.")
  .max(300, "Use at most 300 characters.")
  .describe("Why, as the buyer reads it (mail and My tickets).");

export const reservationIdParamsSchema = z.object({ id: z.uuid() });

export const refundOrderSchema = z.strictObject({
  seatIds: z
    .array(z.uuid())
    .min(1, "Choose at least one seat.")
    .max(100)
    .optional()
    .describe("The seats to refund; every seat of the order not refunded yet when left out."),
  releaseSeats: z
    .boolean()
    .describe("true: the refunded seats go back on sale; false: they stay off sale (SOLD)."),
  reason: reason.optional(),
});
export type RefundOrderInput = z.infer<typeof refundOrderSchema>;

export const requestedRefundSchema = z.strictObject({
  id: z.uuid(),
  reservationId: z.uuid(),
  status: z
    .enum(["REQUESTED", "REFUNDED"])
    .describe(
      "REQUESTED: the worker makes it at the provider next. REFUNDED: free seats only (amount 0), made at once.",
    ),
  amountMinor: z.int().describe("The price of the refunded seats."),
  currency: z.string(),
  seatIds: z.array(z.uuid()),
  releaseSeats: z.boolean(),
  reservationStatus: z
    .enum(["CONFIRMED", "REFUNDED"])
    .describe("REFUNDED once no seat of the order is left, CONFIRMED otherwise."),
});
export type RequestedRefund = z.infer<typeof requestedRefundSchema>;

export const cancelShowSchema = z.strictObject({ reason: reason.optional() });
export type CancelShowInput = z.infer<typeof cancelShowSchema>;

export const showCancellationSchema = z.strictObject({
  scheduleId: z.uuid(),
  cancelledAt: dateTime.nullable().describe("null while the show is not cancelled."),
  reason: z.string().nullable(),
  orders: z
    .strictObject({
      total: z.int().describe("Confirmed orders when cancelled, and any confirmed since."),
      refunded: z.int().describe("Of those, refunded at the provider."),
    })
    .describe("The progress of the show's refunds."),
});
export type ShowCancellation = z.infer<typeof showCancellationSchema>;
