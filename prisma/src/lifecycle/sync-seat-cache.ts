import { markSeatsSold, releaseSeats } from "@ticketping/common/seats";
import type { RedisClient } from "@ticketping/common/redis";
import type { ReservationStatus } from "../generated/client";

/** A reservation's committed status, as the seat-map cache must show it. */
export type SeatCacheState = { reservationId: string; scheduleId: string } & (
  | { status: "CONFIRMED"; seatIds: readonly string[] }
  | {
      status: Exclude<ReservationStatus, "CONFIRMED">;
      /** Without them, the hold's own seat list in Redis (it lasts a day past the hold). */
      seatIds?: readonly string[];
    }
);

/**
 * Brings the seat-map cache in line with a reservation's committed status, after the
 * transaction that changed it: SOLD once CONFIRMED, the seats freed once it ended
 * (compare-and-delete: only seats the cache still shows as this reservation's), nothing
 * while PENDING. Idempotent and driven by the status, not by what happened, so the web
 * app calls it at once and the worker again on the transition's event: whichever runs
 * after a failed call repairs it.
 */
export async function syncSeatCache(
  { redis, keyPrefix }: { redis: RedisClient; /** SEAT_KEY_PREFIX. */ keyPrefix: string },
  state: SeatCacheState,
): Promise<void> {
  const { reservationId, scheduleId } = state;
  if (state.status === "PENDING") return;
  const seats = { keyPrefix, scheduleId, reservationId };
  if (state.status === "CONFIRMED") {
    await markSeatsSold(redis, { ...seats, seatIds: state.seatIds });
    return;
  }
  await releaseSeats(redis, { ...seats, seatIds: state.seatIds });
}
