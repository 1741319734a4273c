import { giveBackPresaleUseOfReservation } from "@ticketping/db";
import { syncSeatCache } from "@ticketping/db/lifecycle";
import type { ReservationStatus } from "@ticketping/db";
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
  // Every payment and every ended hold comes through here: one statement rather than
  // Prisma's two (the row, then its seats), each interpreted in JS on the worker's thread.
  // Seat by seat: an organizer's refund frees seats of a confirmed order, or keeps the
  // seats of a refunded one SOLD (off sale), and the database's `active` says which.
  const [reservation] = await prisma.$queryRaw<SettleRow[]>`
    SELECT r.status::text AS status, r.schedule_id, r.checkout_provider::text AS checkout_provider,
           r.checkout_session_id, r.confirmed_at, r.presale_use_id,
           ARRAY(SELECT rs.seat_id::text FROM reservation_seats rs
                  WHERE rs.reservation_id = r.id AND rs.active ORDER BY rs.seat_id) AS held,
           ARRAY(SELECT rs.seat_id::text FROM reservation_seats rs
                  WHERE rs.reservation_id = r.id AND rs.active IS NOT TRUE ORDER BY rs.seat_id) AS freed
      FROM reservations r
     WHERE r.id = ${reservationId}::uuid`;
  if (!reservation) return;
  const { schedule_id: scheduleId, status, held, freed } = reservation;
  const cache = { redis, keyPrefix: seatKeyPrefix };
  if (status === "PENDING") return;
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
  if (reservation.presale_use_id) await giveBackPresaleUseOfReservation(prisma, { reservationId });

  // A hold that ended without a payment; a cancelled sale's session completed long ago.
  const unpaid = status !== "REFUNDED" && reservation.confirmed_at === null;
  if (!expireCheckout || !unpaid || !reservation.checkout_session_id) return;
  if (reservation.checkout_provider !== payments.name) {
    logger.warn(
      { reservationId, checkoutProvider: reservation.checkout_provider, configured: payments.name },
      "checkout session of another provider left to lapse on its own",
    );
    return;
  }
  const outcome = await payments.expireCheckoutSession(reservation.checkout_session_id);
  logger.debug({ reservationId, outcome }, "checkout session expired");
}

interface SettleRow {
  status: ReservationStatus;
  schedule_id: string;
  checkout_provider: string | null;
  checkout_session_id: string | null;
  confirmed_at: Date | null;
  presale_use_id: string | null;
  held: string[];
  freed: string[];
}
