import { checkoutExpired } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { handleOnce } from "@ticketping/db/lifecycle";
import type { HandlerDeps } from "./deps";

/**
 * The provider's checkout session can no longer take payment. Sessions outlive their
 * holds, so this usually follows our own expiry and changes nothing. If a session ends
 * first (expired from the provider's dashboard), it is retired like a declined one: the
 * hold stays the buyer's until its own time, and paying again opens a new session.
 */
export function expireCheckoutHandler(deps: HandlerDeps): Subscription {
  const { prisma, logger } = deps;
  return subscribe(checkoutExpired, async (event) => {
    const { reservationId, provider, sessionId } = event.payload;
    const handled = await handleOnce(
      { prisma, consumer: "worker.expire-checkout", eventId: event.id },
      async (tx) => {
        const { count } = await tx.reservation.updateMany({
          where: {
            id: reservationId,
            status: "PENDING",
            checkoutProvider: provider,
            checkoutSessionId: sessionId,
          },
          data: {
            checkoutProvider: null,
            checkoutSessionId: null,
            checkoutAttempt: { increment: 1 },
          },
        });
        return count === 1;
      },
    );
    const retired = handled.applied && handled.result;
    logger.info({ reservationId, sessionId, retired }, "checkout expiry handled");
  });
}
