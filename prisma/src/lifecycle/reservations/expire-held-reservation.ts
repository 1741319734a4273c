import { createEvent, derivedEventId, holdExpired, outboxMessage } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import { recordProcessedEvent } from "../processed-events";
import { statusReasons } from "../status-reasons";

/** The consumer under which a hold's expiry is recorded, whichever source reported it. */
export const EXPIRE_HOLD_CONSUMER = "worker.expire-hold";

/** The id under which every source (each worker's notification, the sweeper) reports one hold's expiry. */
export function holdExpiryEventId(reservationId: string): string {
  return derivedEventId(`hold.expired:${reservationId}`);
}

/**
 * A hold lapsed unpaid: PENDING → EXPIRED (the database's triggers put its seats back on
 * sale), only if its time has come, the provider reported no paid checkout and no
 * completed payment is recorded; the database refuses it for a paid hold all the same
 * (isPaidHoldRefusal) should a payment land meanwhile. False when nothing changed.
 *
 * The processed-event row is written only when the expiry applied: an early report must
 * not use up the id under which the sweeper later reports it. hold.expired goes to the
 * outbox under the hold's derived id, so its handler settles the cache again after the
 * commit (Redis may be down just then, and nothing else would retry an expiry the sweeper
 * made).
 */
export async function expireHeldReservation(
  tx: Prisma.TransactionClient,
  {
    reservationId,
    scheduleId,
    eventId,
    now = new Date(),
  }: { reservationId: string; scheduleId: string; eventId: string; now?: Date },
): Promise<boolean> {
  const { count } = await tx.reservation.updateMany({
    where: {
      id: reservationId,
      status: "PENDING",
      holdExpiresAt: { lte: now },
      checkoutCompletedAt: null,
      payments: { none: { status: "COMPLETED" } },
    },
    data: { status: "EXPIRED", statusReason: statusReasons.expired, closedAt: now },
  });
  if (count === 0) return false;
  await recordProcessedEvent(tx, { consumer: EXPIRE_HOLD_CONSUMER, eventId });
  const seats = await tx.reservationSeat.findMany({
    where: { reservationId },
    select: { seatId: true },
    orderBy: { seatId: "asc" },
  });
  const event = createEvent(
    holdExpired,
    { reservationId, scheduleId, seatIds: seats.map((seat) => seat.seatId) },
    { id: holdExpiryEventId(reservationId) },
  );
  await writeOutbox(tx, [outboxMessage(holdExpired, event, { key: reservationId })]);
  return true;
}
