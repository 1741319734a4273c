import { z } from "zod";

export const webhookOutcomes = [
  "duplicate",
  "ignored",
  "payment-recorded",
  "payment-already-recorded",
  "payment-failed",
  "awaiting-async-payment",
  "checkout-expired",
  "refund-recorded",
] as const;
export type WebhookOutcome = (typeof webhookOutcomes)[number];

/** What POST /api/webhooks/stripe answers once the event is durably recorded (or not needed). */
export const webhookAnswerSchema = z.strictObject({
  received: z.literal(true),
  eventId: z.string(),
  type: z.string().describe("The Stripe event type."),
  outcome: z.enum(webhookOutcomes),
});
export type WebhookAnswer = z.infer<typeof webhookAnswerSchema>;
