import "server-only";
import { AppError } from "@ticketping/common/errors";
import { holdSeats, invalidateSeatMap, releaseSeats } from "@ticketping/common/holds";
import { isSeatAlreadyHeld, type TransactionClient } from "@ticketping/db";
import { env } from "@/env";
import { db } from "../db";
import { logger } from "../logger";
import { getRedis } from "../redis";
import { buildSeatMapOnce } from "../seat-map/build-seat-map-once";
import type { SeatMapLayout } from "../seat-map/types";
import type { HoldView } from "./hold-view";
import { uuidv7 } from "./uuidv7";

export interface CreateHoldOptions {
  userId: string;
  /** The schedule's layout (the caller has it from the gate); PostgreSQL re-checks limits. */
  layout: SeatMapLayout;
  seatIds: string[];
  now?: Date;
}

/**
 * Holds seats for a buyer: first all-or-nothing in Redis (the fast check that absorbs the
 * crowd), then a PENDING reservation in PostgreSQL in the same request (the truth, whose
 * unique index makes a double sale impossible even if Redis was wrong). If the database
 * refuses or fails, the Redis hold is undone by owner, so nothing stays half-held.
 */
export async function createHold({
  userId,
  layout,
  seatIds,
  now = new Date(),
}: CreateHoldOptions): Promise<HoldView> {
  const { scheduleId, performanceId } = layout;
  const requested = checkSeats(layout, seatIds);
  const reservationId = uuidv7(now.getTime());
  const holdExpiresAt = new Date(now.getTime() + env.HOLD_TTL_SECONDS * 1000);
  const redis = getRedis();

  await holdInRedis({ userId, scheduleId, reservationId, seatIds: requested, holdExpiresAt });
  try {
    const { amountMinor, currency } = await db().$transaction(
      (tx) =>
        writeReservation(tx, {
          userId,
          performanceId,
          scheduleId,
          reservationId,
          seatIds: requested,
          holdExpiresAt,
          now,
        }),
      // Under a crowd the pool is the queue: wait for a connection rather than fail.
      { maxWait: 10_000, timeout: 10_000 },
    );
    return {
      reservationId,
      scheduleId,
      seatIds: requested,
      amountMinor,
      currency,
      holdExpiresAt: holdExpiresAt.toISOString(),
    };
  } catch (error) {
    await releaseSeats(redis, { scheduleId, reservationId, seatIds: requested }).catch(
      (undoError: unknown) => {
        // The hold key still expires on its own, and the worker then frees the seats.
        logger.error({ err: undoError, reservationId }, "could not undo a Redis hold");
      },
    );
    if (isSeatAlreadyHeld(error)) throw await seatsHeldInDatabase(scheduleId, requested, error);
    throw error;
  }
}

/** Known seats of this schedule, no duplicates, within the per-reservation limit; sorted. */
function checkSeats(layout: SeatMapLayout, seatIds: string[]): string[] {
  const unique = [...new Set(seatIds)].sort();
  if (unique.length !== seatIds.length) {
    throw new AppError("VALIDATION_FAILED", "duplicate seat ids", {
      userMessage: "A seat was listed twice.",
    });
  }
  if (unique.length > layout.maxSeatsPerReservation) {
    throw tooManySeats(layout.maxSeatsPerReservation);
  }
  const known = new Set(layout.seats.map(([id]) => id));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", "seats of another schedule", {
      userMessage: "Some seats are not part of this show.",
      details: { seatIds: unknown },
    });
  }
  return unique;
}

async function holdInRedis(options: {
  userId: string;
  scheduleId: string;
  reservationId: string;
  seatIds: string[];
  holdExpiresAt: Date;
}): Promise<void> {
  const redis = getRedis();
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await holdSeats(redis, {
      ...options,
      expiresAt: options.holdExpiresAt,
      maxOpenHolds: env.HOLD_MAX_OPEN_PER_BUYER,
    });
    switch (result.kind) {
      case "held":
        return;
      case "unavailable":
        throw seatUnavailable(result.seatIds);
      case "limit-reached":
        throw openHoldLimit();
      case "missing":
        // The map was dropped (restart, organizer edit) since the caller read it.
        await buildSeatMapOnce({ scheduleId: options.scheduleId });
    }
  }
  throw new AppError("SERVICE_UNAVAILABLE", "seat map could not be rebuilt for a hold");
}

interface HoldCheckRow {
  sale_status: string;
  booking_opens_at: Date;
  booking_closes_at: Date;
  max_seats_per_reservation: number;
  open_holds: bigint;
  seat_ids: string[] | null;
  prices: number[] | null;
  currency: string | null;
}

/**
 * The database half of a hold: four statements in one transaction. PostgreSQL is the
 * truth for everything money and limits depend on (sale window, prices, the per-buyer
 * limits), whatever the cached layout said.
 */
async function writeReservation(
  tx: TransactionClient,
  options: {
    userId: string;
    performanceId: string;
    scheduleId: string;
    reservationId: string;
    seatIds: string[];
    holdExpiresAt: Date;
    now: Date;
  },
): Promise<{ amountMinor: number; currency: string }> {
  const { userId, performanceId, scheduleId, reservationId, seatIds, holdExpiresAt, now } = options;
  // One buyer's holds on one performance are counted and written one at a time, even
  // across schedules and server processes; other buyers are not blocked. (Its own
  // statement: the count below must be read after the lock is granted.)
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`hold:${userId}:${performanceId}`}, 0))`;
  const [check] = await tx.$queryRaw<HoldCheckRow[]>`
    SELECT p.sale_status::text AS sale_status, p.booking_opens_at, p.booking_closes_at,
           p.max_seats_per_reservation,
           (SELECT count(*) FROM reservations r
              JOIN schedules sc ON sc.id = r.schedule_id
             WHERE sc.performance_id = p.id AND r.user_id = ${userId}::uuid
               AND r.status = 'PENDING' AND r.hold_expires_at > ${now}) AS open_holds,
           seat_prices.seat_ids, seat_prices.prices, seat_prices.currency
      FROM performances p
     CROSS JOIN LATERAL (
           SELECT array_agg(s.id::text ORDER BY s.id) AS seat_ids,
                  array_agg(g.price_minor ORDER BY s.id) AS prices, min(g.currency) AS currency
             FROM seats s JOIN seat_grades g ON g.id = s.grade_id
            WHERE s.schedule_id = ${scheduleId}::uuid AND s.id = ANY(${seatIds}::uuid[])
          ) seat_prices
     WHERE p.id = ${performanceId}::uuid`;
  if (
    !check ||
    check.sale_status !== "PUBLISHED" ||
    now < check.booking_opens_at ||
    now >= check.booking_closes_at
  ) {
    throw new AppError("SALE_CLOSED", `performance ${performanceId} is not on sale`);
  }
  if (seatIds.length > check.max_seats_per_reservation) {
    throw tooManySeats(check.max_seats_per_reservation);
  }
  if (Number(check.open_holds) >= env.HOLD_MAX_OPEN_PER_BUYER) throw openHoldLimit();
  const prices = check.prices ?? [];
  if (check.seat_ids?.length !== seatIds.length || !check.currency) {
    throw new AppError("VALIDATION_FAILED", "seats of another schedule", {
      userMessage: "Some seats are not part of this show.",
    });
  }
  // Prices come from the database, never from the cache or the client.
  const amountMinor = prices.reduce((sum, price) => sum + price, 0);
  await tx.$executeRaw`
    INSERT INTO reservations
           (id, user_id, schedule_id, status, amount_minor, currency, hold_expires_at, updated_at)
    VALUES (${reservationId}::uuid, ${userId}::uuid, ${scheduleId}::uuid, 'PENDING',
            ${amountMinor}, ${check.currency}, ${holdExpiresAt}, ${now})`;
  // Through the model API, so a seat someone else holds is the recognisable P2002 of the
  // double-sale index (isSeatAlreadyHeld). Rows in ascending seat-id order, so overlapping
  // holds take their index locks in the same order.
  await tx.reservationSeat.createMany({
    data: check.seat_ids.map((seatId, index) => ({
      reservationId,
      seatId,
      priceMinor: prices[index] ?? 0,
    })),
  });
  return { amountMinor, currency: check.currency };
}

/**
 * Redis let the hold through but PostgreSQL already has a live reservation on a seat:
 * the cache is behind (e.g. a repair after a restart). Name the seats and rebuild the map.
 */
async function seatsHeldInDatabase(
  scheduleId: string,
  seatIds: string[],
  cause: unknown,
): Promise<AppError> {
  const rows = await db().$queryRaw<{ seat_id: string }[]>`
    SELECT seat_id FROM reservation_seats WHERE seat_id = ANY(${seatIds}::uuid[]) AND active`;
  await invalidateSeatMap(getRedis(), scheduleId);
  logger.warn(
    { scheduleId, seatIds: rows.map((row) => row.seat_id) },
    "seat map was behind the database",
  );
  return seatUnavailable(
    rows.map((row) => row.seat_id),
    cause,
  );
}

function seatUnavailable(seatIds: string[], cause?: unknown): AppError {
  return new AppError("SEAT_UNAVAILABLE", "seats already held or sold", {
    details: { seatIds },
    cause,
  });
}

function tooManySeats(max: number): AppError {
  return new AppError("HOLD_LIMIT_REACHED", "too many seats", {
    userMessage: `You can hold at most ${max} seats at a time.`,
    details: { limit: "seats-per-reservation", max },
  });
}

function openHoldLimit(): AppError {
  return new AppError("HOLD_LIMIT_REACHED", "open hold limit reached", {
    userMessage:
      env.HOLD_MAX_OPEN_PER_BUYER === 1
        ? "You already hold seats for this performance. Pay for them or release them first."
        : `You already have ${env.HOLD_MAX_OPEN_PER_BUYER} open holds for this performance.`,
    details: { limit: "open-holds", max: env.HOLD_MAX_OPEN_PER_BUYER },
  });
}
