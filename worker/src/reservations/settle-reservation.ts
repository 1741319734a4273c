import { giveBackPresaleUseOfReservation } from "@ticketping/db";
import { syncSeatCache } from "@ticketping/db/lifecycle";
import type { HandlerDeps } from "../handlers/deps";
import { passReturnedSeats } from "../waitlist/pass-returned-seats";

export interface SettleOptions {
  reservationId: string;
  /** Expire the provider's checkout session of a reservation that ended unpaid. */
  expireCheckout?: boolean;
}

/**
 * Brings everything outside PostgreSQL in line with a reservation's committed status: the
 * seat-map cache (syncSeatCache: SOLD, or the seats freed, which then are offered to the
 * show's waitlist), the presale use of a turn whose last hold this was, and, for a hold
 * that ended unpaid, the provider's checkout session. Every step is idempotent and driven by the status, not by
 * the event, so it runs on every delivery: a crash between the database commit and these
 * calls is repaired by the redelivery that follows.
 */
export async function settleReservation(
  deps: HandlerDeps,
  { reservationId, expireCheckout = true }: SettleOptions,
): Promise<void> {
  const { prisma, redis, seatKeyPrefix, payments, logger } = deps;
  const reservation = await prisma.reservation.findUnique({
    where: { id: reservationId },
    select: {
      status: true,
      scheduleId: true,
      checkoutProvider: true,
      checkoutSessionId: true,
      confirmedAt: true,
      presaleUseId: true,
      seats: { select: { seatId: true, active: true } },
    },
  });
  if (!reservation) return;
  const { scheduleId, status } = reservation;
  const cache = { redis, keyPrefix: seatKeyPrefix };
  if (status === "PENDING") return;
  // Seat by seat: an organizer's refund frees seats of a confirmed order, or keeps the
  // seats of a refunded one SOLD (off sale), and the database's `active` says which.
  const held = reservation.seats.filter((seat) => seat.active).map((seat) => seat.seatId);
  const freed = reservation.seats.filter((seat) => !seat.active).map((seat) => seat.seatId);
  if (held.length > 0) {
    await syncSeatCache(cache, { reservationId, scheduleId, status: "CONFIRMED", seatIds: held });
  }
  if (freed.length > 0) {
    await syncSeatCache(cache, {
      reservationId,
      scheduleId,
      status: status === "CONFIRMED" ? "REFUNDED" : status,
      seatIds: freed,
    });
    // Seats back on sale go to the show's waitlist first, once the cache shows them free.
    await passReturnedSeats(deps, scheduleId);
  }
  if (status === "CONFIRMED") return;
  // The last hold of a presale turn that is over ended unpaid: the turn's use comes back.
  if (reservation.presaleUseId) await giveBackPresaleUseOfReservation(prisma, { reservationId });

  // A hold that ended without a payment; a cancelled sale's session completed long ago.
  const unpaid = status !== "REFUNDED" && reservation.confirmedAt === null;
  if (!expireCheckout || !unpaid || !reservation.checkoutSessionId) return;
  if (reservation.checkoutProvider !== payments.name) {
    logger.warn(
      { reservationId, checkoutProvider: reservation.checkoutProvider, configured: payments.name },
      "checkout session of another provider left to lapse on its own",
    );
    return;
  }
  const outcome = await payments.expireCheckoutSession(reservation.checkoutSessionId);
  logger.debug({ reservationId, outcome }, "checkout session expired");
}
