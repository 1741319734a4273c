import { z } from "zod";
import { defineEvent } from "./define-event";

const id = z.string().min(1).max(64);
const minorAmount = z.number().int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/);

/** The payment provider reported a paid checkout for a reservation. */
export const paymentCompleted = defineEvent({
  type: "payment.completed",
  version: 1,
  payload: z.object({
    reservationId: id,
    paymentId: id,
    provider: z.enum(["STRIPE", "SIMULATED"]),
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

export const eventCatalog = [paymentCompleted, reservationConfirmed, holdExpired] as const;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
