import { createEvent, holdReleased, outboxMessage } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import { statusReasons } from "../status-reasons";
import { endByBuyer } from "./end-by-buyer";

/**
 * The buyer gives a hold back: PENDING → CANCELLED, and hold.released goes to the outbox
 * (the worker expires the provider's checkout session and settles the cache on it). False
 * when it is not the buyer's open hold. A hold whose payment is already recorded cannot be
 * released: the database refuses (isPaidHoldRefusal), as it is about to be confirmed.
 */
export async function releaseHeldReservation(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    userId,
    scheduleId,
    now = new Date(),
  }: { reservationId: string; userId: string; scheduleId: string; now?: Date },
): Promise<boolean> {
  const reason = statusReasons.releasedByBuyer;
  if (!(await endByBuyer(tx, { reservationId, userId, from: "PENDING", reason, now }))) {
    return false;
  }
  const event = createEvent(holdReleased, { reservationId, scheduleId });
  await writeOutbox(tx, [outboxMessage(holdReleased, event, { key: reservationId })]);
  return true;
}
