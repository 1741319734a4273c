/** The processed-events consumer under which each Stripe event id is recorded once. */
export const WEBHOOK_CONSUMER = "webhook.stripe";
