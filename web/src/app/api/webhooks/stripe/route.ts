import { AppError } from "@ticketping/common/errors";
import { readLimitedText } from "@/server/http/read-limited-body";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { bookingMetrics } from "@/server/metrics";
import { handleStripeWebhook } from "@/server/payments/handle-stripe-webhook";
import type { WebhookAnswer } from "@/server/payments/webhook-answer";

export const dynamic = "force-dynamic";

/** Stripe's events are a few KB; anything this large is not one. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * Stripe's webhook endpoint (the simulated checkout posts here too). The signature covers
 * the exact bytes, so the body is read raw, never parsed and re-serialised first. A 2xx
 * means the event is durably recorded; any other answer makes Stripe deliver it again.
 */
export const POST = route(
  async (request: Request) => {
    const rawBody = await readLimitedText(request, MAX_BODY_BYTES);
    const result = await handleStripeWebhook({
      rawBody,
      signature: request.headers.get("stripe-signature"),
    }).catch((error: unknown) => {
      bookingMetrics.webhookFailures.inc({ code: AppError.from(error).code });
      throw error;
    });
    bookingMetrics.webhooks.inc({ outcome: result.outcome });
    const answer: WebhookAnswer = { received: true, ...result };
    return jsonResponse(answer);
  },
  // Stripe is another site by definition; the signature is what proves the sender.
  { crossSite: "allow" },
);
