import { z } from "zod";

/**
 * The parts of Stripe's webhook events that we read. Stripe adds fields over time; zod
 * objects ignore the ones we do not name. Expandable fields arrive as an id or an object.
 */
const expandableId = z
  .union([z.string(), z.object({ id: z.string() })])
  .nullable()
  .optional()
  .transform((value) => (typeof value === "string" ? value : (value?.id ?? null)));

export const checkoutSessionSchema = z.object({
  id: z.string().min(1).max(255),
  object: z.literal("checkout.session"),
  client_reference_id: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  payment_intent: expandableId,
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  status: z.enum(["open", "complete", "expired"]).nullable().optional(),
  amount_total: z.number().int().nonnegative().nullable().optional(),
  currency: z.string().length(3).nullable().optional(),
});

export type CheckoutSessionObject = z.infer<typeof checkoutSessionSchema>;

export const chargeSchema = z.object({
  id: z.string().min(1).max(255),
  object: z.literal("charge"),
  payment_intent: expandableId,
  amount: z.number().int().nonnegative(),
  amount_refunded: z.number().int().nonnegative(),
  refunded: z.boolean(),
});

export type ChargeObject = z.infer<typeof chargeSchema>;

/** The event types the webhook acts on; Stripe may send others (answered 200, ignored). */
export const handledEventTypes = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
] as const;

export type HandledEventType = (typeof handledEventTypes)[number];

export function isHandledEventType(type: string): type is HandledEventType {
  return (handledEventTypes as readonly string[]).includes(type);
}
