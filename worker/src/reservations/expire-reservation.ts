import { derivedEventId } from "@ticketping/common/events";
import type { HandlerDeps } from "../handlers/deps";
import { workerMetrics } from "../metrics";
import { settleReservation } from "./settle-reservation";

/** Redis expiry notifications can arrive a little early relative to our clock. */
const CLOCK_SKEW_MS = 5_000;

export const EXPIRE_HOLD_CONSUMER = "worker.expire-hold";

/** The id under which every source (each worker's notification, the sweeper) reports one hold's expiry. */
export function holdExpiryEventId(reservationId: string): string {
  return derivedEventId(`hold.expired:${reservationId}`);
}

/**
 * A hold lapsed: the PENDING reservation ends EXPIRED (the database's triggers put its
 * seats back on sale), then the cache frees the seats and the checkout session is
 * expired so the buyer can no longer pay. A reservation paid in the meantime is left
 * alone, and a payment that still lands is refunded by the payment handler.
 *
 * Idempotent by state (only a PENDING, lapsed hold changes), so every source may report
 * the same expiry. The processed-event row is written only when the expiry applied: an
 * early report must not use up the id under which the sweeper later reports it.
 */
export async function expireReservation(
  deps: HandlerDeps,
  {
    reservationId,
    eventId,
    now = new Date(),
  }: { reservationId: string; eventId: string; now?: Date },
): Promise<{ expired: boolean }> {
  const expired = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.reservation.updateMany({
      where: {
        id: reservationId,
        status: "PENDING",
        holdExpiresAt: { lte: new Date(now.getTime() + CLOCK_SKEW_MS) },
      },
      data: {
        status: "EXPIRED",
        statusReason: "The hold ran out before payment; the seats went back on sale.",
        closedAt: now,
      },
    });
    if (count === 0) return false;
    await tx.processedEvent.createMany({
      data: [{ consumer: EXPIRE_HOLD_CONSUMER, eventId }],
      skipDuplicates: true,
    });
    return true;
  });
  await settleReservation(deps, { reservationId });
  if (expired) workerMetrics.holdsExpired.inc();
  return { expired };
}
