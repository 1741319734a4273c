import { holdExpired } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { expireReservation } from "../reservations/expire-reservation";
import type { HandlerDeps } from "./deps";

/** hold.expired, from the Redis expiry listener (ours or another worker's) or any producer. */
export function expireHoldHandler(deps: HandlerDeps): Subscription {
  return subscribe(holdExpired, async (event) => {
    const { reservationId } = event.payload;
    const { outcome } = await expireReservation(deps, { reservationId, eventId: event.id });
    deps.logger.info({ reservationId, outcome }, "hold expiry handled");
  });
}
