import { checkoutExpired, createEvent, outboxMessage } from "@ticketping/common/events";
import type { PaymentProvider, Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";

/**
 * The provider's checkout session can no longer take payment: checkout.expired goes to the
 * outbox, on which the worker retires the session if it is still the reservation's current
 * one (the hold itself stays until its own time).
 */
export async function recordCheckoutExpiry(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    provider,
    sessionId,
  }: { reservationId: string; provider: PaymentProvider; sessionId: string },
): Promise<void> {
  const event = createEvent(checkoutExpired, { reservationId, provider, sessionId });
  await writeOutbox(tx, [outboxMessage(checkoutExpired, event, { key: reservationId })]);
}
