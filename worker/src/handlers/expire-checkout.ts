import { checkoutExpired } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { handleOnce } from "../handle-once";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

/**
 * The provider's checkout session can no longer take payment. Sessions outlive their
 * holds, so this usually follows our own expiry and changes nothing; if a session ends
 * first (expired from the provider's dashboard), the hold it paid for ends with it.
 */
export function expireCheckoutHandler(deps: HandlerDeps): Subscription {
  const { prisma, logger } = deps;
  return subscribe(checkoutExpired, async (event) => {
    const { reservationId, provider, sessionId } = event.payload;
    let expired = false;
    await handleOnce(
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
            status: "EXPIRED",
            statusReason: "The checkout expired before payment; the seats went back on sale.",
          },
        });
        expired = count === 1;
      },
    );
    await settleReservation(deps, { reservationId, expireCheckout: false });
    logger.info({ reservationId, sessionId, expired }, "checkout expiry handled");
  });
}
