import "server-only";
import Stripe from "stripe";
import { AppError } from "@ticketping/common/errors";

/** Stripe's default: a signature older than this is refused (replayed or delayed). */
const SIGNATURE_TOLERANCE_S = 300;

/**
 * The event in `rawBody`, once its Stripe-Signature header proves it is Stripe's (or the
 * simulated checkout's, signed the same way) and fresh. Checked against the raw bytes
 * before anything is read or written.
 */
export function verifySignature({
  rawBody,
  signature,
  secret,
  now = Date.now(),
}: {
  rawBody: string;
  signature: string | null;
  secret: string;
  now?: number;
}): Stripe.Event {
  if (!signature) throw signatureError("no Stripe-Signature header");
  // The SDK refuses a signature older than the tolerance but not one from the future; a
  // timestamp ahead of our clock by more than the tolerance is as suspect as a stale one.
  const signedAt = signatureTimestamp(signature);
  if (signedAt === null) throw signatureError("no timestamp in the Stripe-Signature header");
  if (signedAt - now / 1000 > SIGNATURE_TOLERANCE_S) {
    throw signatureError("timestamp is too far in the future");
  }
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_S);
  } catch (error) {
    throw signatureError(error instanceof Error ? error.message : String(error), error);
  }
}

/** The `t=` element of a Stripe-Signature header, in seconds. */
function signatureTimestamp(signature: string): number | null {
  const element = signature.split(",").find((part) => part.trim().startsWith("t="));
  const seconds = Number(element?.trim().slice(2));
  return element && Number.isInteger(seconds) ? seconds : null;
}

function signatureError(message: string, cause?: unknown): AppError {
  return new AppError("WEBHOOK_SIGNATURE_INVALID", `webhook refused: ${message}`, { cause });
}
