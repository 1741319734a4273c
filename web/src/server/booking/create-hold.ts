import "server-only";
import { AppError } from "@ticketping/common/errors";
import { holdSeats, invalidateSeatMap, releaseSeats } from "@ticketping/common/seats";
import { enforceRateLimit } from "@ticketping/common/rate-limit";
import { SHOW_CANCELLED_SQLSTATE, uuidv7 } from "@ticketping/db";
import { env } from "@/env";
import { logger } from "../logger";
import { getRedis } from "../redis";
import { getSeatMap } from "../seat-map/get-seat-map";
import { queueTokenRequiredDetails } from "./gate/transport";
import type { RememberedLayout } from "../seat-map/layout-memo";
import type { HoldView } from "./hold-view";
import { holdRateLimits } from "./rate-limits";
import { HoldWriteError, writeHoldReservation } from "./write-hold-reservation";

export interface CreateHoldOptions {
  userId: string;
  /** The schedule's layout (the caller has it from the gate); PostgreSQL re-checks limits. */
  layout: RememberedLayout;
  seatIds: string[];
  /**
   * The working token's id. In a turn paid with a presale code, the turn's holds and
   * purchases together stay within the code's seat cap (create_hold checks it atomically).
   */
  tokenId?: string;
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
  tokenId,
  now = new Date(),
}: CreateHoldOptions): Promise<HoldView> {
  const { scheduleId, performanceId } = layout.layout;
  const requested = checkSeats(layout, seatIds);
  const reservationId = uuidv7(now.getTime());
  const holdExpiresAt = new Date(now.getTime() + env.HOLD_TTL_SECONDS * 1000);
  const redis = getRedis();

  await enforceRateLimit(
    redis,
    holdRateLimits.perBuyerAndPerformance,
    `${userId}:${performanceId}`,
    {
      userMessage:
        "You have held seats many times in a short while. Please wait before trying again.",
    },
  );
  await holdInRedis({ userId, scheduleId, reservationId, seatIds: requested, holdExpiresAt });
  try {
    const { amountMinor, currency } = await writeReservation({
      ...(tokenId === undefined ? {} : { tokenId }),
      userId,
      performanceId,
      scheduleId,
      reservationId,
      seatIds: requested,
      holdExpiresAt,
      now,
    });
    return {
      reservationId,
      scheduleId,
      seatIds: requested,
      amountMinor,
      currency,
      holdExpiresAt: holdExpiresAt.toISOString(),
    };
  } catch (error) {
    await releaseSeats(redis, {
      keyPrefix: env.SEAT_KEY_PREFIX,
      scheduleId,
      reservationId,
      seatIds: requested,
    }).catch((undoError: unknown) => {
      // The hold key still expires on its own, and the worker then frees the seats.
      logger.error({ err: undoError, reservationId }, "could not undo a Redis hold");
    });
    throw error;
  }
}

/** Known seats of this schedule, no duplicates, within the per-reservation limit; sorted. */
function checkSeats({ layout, indexById }: RememberedLayout, seatIds: string[]): string[] {
  const unique = [...new Set(seatIds)].sort();
  if (unique.length !== seatIds.length) {
    throw new AppError("VALIDATION_FAILED", "duplicate seat ids", {
      userMessage: "A seat was listed twice.",
    });
  }
  if (unique.length > layout.maxSeatsPerReservation) {
    throw tooManySeats(layout.maxSeatsPerReservation);
  }
  const unknown = unique.filter((id) => !indexById.has(id));
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
      keyPrefix: env.SEAT_KEY_PREFIX,
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
        // The map was dropped (restart, organizer edit) since the caller read it: wait
        // for its rebuild (ours or another process's), then try again.
        await getSeatMap({ scheduleId: options.scheduleId });
    }
  }
  throw new AppError("SERVICE_UNAVAILABLE", "seat map could not be rebuilt for a hold");
}

/**
 * The database half of a hold (see writeHoldReservation): PostgreSQL is the truth here,
 * whatever the cached layout said, so its refusals become the buyer's answer.
 */
async function writeReservation(options: {
  userId: string;
  performanceId: string;
  scheduleId: string;
  reservationId: string;
  seatIds: string[];
  holdExpiresAt: Date;
  now: Date;
  tokenId?: string;
}): Promise<{ amountMinor: number; currency: string }> {
  const { performanceId, scheduleId } = options;
  const result = await writeHoldReservation({
    ...options,
    maxOpenHolds: env.HOLD_MAX_OPEN_PER_BUYER,
  }).catch((error: unknown) => {
    // The organizer cancelled this show (the database refuses its holds).
    if (error instanceof HoldWriteError && error.sqlState === SHOW_CANCELLED_SQLSTATE) {
      throw new AppError("SALE_CLOSED", `schedule ${scheduleId} is cancelled`, {
        userMessage: "This show was cancelled.",
        details: { reason: "SHOW_CANCELLED" },
      });
    }
    // Lock waits that PostgreSQL broke up: nothing was written, the buyer may retry.
    if (error instanceof HoldWriteError && ["40001", "40P01", "55P03"].includes(error.sqlState)) {
      throw new AppError("SERVICE_UNAVAILABLE", error.message, { cause: error });
    }
    throw error;
  });
  switch (result.outcome) {
    case "HELD":
      // A held reservation has seats, so create_hold read their grade's currency.
      if (!result.currency)
        throw new Error(`create_hold held ${options.reservationId} without a currency`);
      return { amountMinor: result.amount_minor, currency: result.currency };
    case "SALE_CLOSED":
      throw new AppError("SALE_CLOSED", `performance ${performanceId} is not on sale`);
    case "TOO_MANY_SEATS":
      throw tooManySeats(result.max_seats ?? 0);
    case "OPEN_HOLDS":
      throw openHoldLimit();
    case "PRESALE_SEAT_CAP":
      throw presaleSeatCap(result.max_seats ?? 0);
    case "PRESALE_TURN_OVER":
      // The turn's use was given back: its token has run out (or the buyer left the line).
      throw new AppError("QUEUE_TOKEN_REQUIRED", "the presale turn of this token is over", {
        details: queueTokenRequiredDetails(performanceId, scheduleId),
      });
    case "UNKNOWN_SEATS":
      throw new AppError("VALIDATION_FAILED", "seats of another schedule", {
        userMessage: "Some seats are not part of this show.",
      });
    case "SEAT_TAKEN": {
      // Redis let the hold through, but PostgreSQL has a live reservation on a seat, or the
      // organizer held one back: the cache is behind (e.g. after a Redis restart, or the
      // hold raced the organizer's change). Rebuild it from the database. A held-back seat
      // has no live reservation to name, so then every requested seat is named.
      const taken = result.taken_seat_ids ?? options.seatIds;
      await invalidateSeatMap(getRedis(), { keyPrefix: env.SEAT_KEY_PREFIX, scheduleId });
      logger.warn({ scheduleId, seatIds: taken }, "seat map was behind the database");
      throw seatUnavailable(taken);
    }
    default:
      throw new Error(`create_hold answered ${String(result.outcome)}`);
  }
}

function seatUnavailable(seatIds: string[]): AppError {
  return new AppError("SEAT_UNAVAILABLE", "seats already held or sold", {
    details: { seatIds },
  });
}

function tooManySeats(max: number): AppError {
  return new AppError("HOLD_LIMIT_REACHED", "too many seats", {
    userMessage: `You can hold at most ${max} seats at a time.`,
    details: { limit: "seats-per-reservation", max },
  });
}

function presaleSeatCap(max: number): AppError {
  return new AppError("HOLD_LIMIT_REACHED", "presale code's seat cap", {
    userMessage: `Your presale code lets you hold at most ${max} seats in this turn, held and bought together.`,
    details: { limit: "presale-seat-cap", max },
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
