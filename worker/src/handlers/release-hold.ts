import { holdReleased } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import { settleReservation } from "../reservations/settle-reservation";
import type { HandlerDeps } from "./deps";

/**
 * The buyer released their hold in the web app, or the organizer cancelled its show
 * (cancelShow), and it was committed CANCELLED: expire its
 * checkout session at the provider and make sure the cache freed the seats. Both steps
 * follow the stored status and are idempotent, so redeliveries are harmless.
 */
export function releaseHoldHandler(deps: HandlerDeps): Subscription {
  return subscribe(holdReleased, async (event) => {
    const { reservationId } = event.payload;
    await settleReservation(deps, { reservationId });
    deps.logger.info({ reservationId }, "released hold settled");
  });
}
