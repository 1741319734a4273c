import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { grantKey, queueKeys, signWorkingToken } from "@ticketping/common/queue";
import type { RedisClient } from "@ticketping/common/redis";
import { deleteKeysMatching } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { createTestBuyers, createTestShow } from "@ticketping/db/testing";

const DAY = 86_400_000;

export interface SeededSchedule {
  performanceId: string;
  scheduleId: string;
  /** Seat ids ordered by row, then column. */
  seatIds: string[];
  grades: { id: string; name: string; priceMinor: number }[];
  /** The grade price of each seat, by seat id. */
  priceOf: Map<string, number>;
}

/**
 * A hall, a published performance on sale now with two grades (front rows dearer), and
 * `schedules` shows of rows x columns seats each.
 */
export async function seedPerformance(
  prisma: PrismaClient,
  {
    rows,
    columns,
    schedules = 1,
    maxSeatsPerReservation = 4,
  }: { rows: number; columns: number; schedules?: number; maxSeatsPerReservation?: number },
): Promise<SeededSchedule[]> {
  const now = Date.now();
  const show = await createTestShow(prisma, {
    seats: rows * columns,
    columns,
    grades: "vip-front-row",
    maxSeatsPerReservation,
    showTimes: Array.from({ length: schedules }, (_, index) => new Date(now + (10 + index) * DAY)),
  });
  return show.schedules.map((schedule) => ({
    performanceId: show.performanceId,
    scheduleId: schedule.id,
    seatIds: schedule.seats.map((seat) => seat.id),
    grades: show.grades,
    priceOf: new Map(schedule.seats.map((seat) => [seat.id, seat.priceMinor])),
  }));
}

export interface TestBuyer {
  id: string;
  email: string;
}

/** Buyers inserted directly (no password: tests sign them in by minting a session). */
export const createBuyers = createTestBuyers;

/**
 * The Cookie header of a signed-in buyer: a next-auth session JWT made with the server's
 * own secret, exactly what its credentials flow would have set, without a bcrypt check
 * per buyer. (The real flow is covered by auth.test.ts and signIn().)
 */
export async function sessionCookie(
  secret: string,
  buyer: TestBuyer,
  // A role change bumps the user's session version: mint under the version it has now.
  { sessionVersion = 0 }: { sessionVersion?: number } = {},
): Promise<string> {
  const token = await encode({
    secret,
    token: { sub: buyer.id, email: buyer.email, name: "Buyer", role: "USER", sv: sessionVersion },
  });
  return `next-auth.session-token=${token}`;
}

/**
 * An admitted buyer's working token, without running the queue: the grant and the
 * active-set entry that the queue's admission and claim scripts leave (see
 * common/src/queue/lua/includes/admission.lua and claim.lua), so everything that reads or
 * releases a slot treats it as any buyer's, and the token the queue service signs for it
 * with signWorkingToken. Only the grant's line number (`seq`) is missing: nobody queued.
 */
export async function admitBuyer(
  redis: RedisClient,
  {
    secret,
    keyPrefix,
    userId,
    performanceId,
    ttlMs = 600_000,
  }: {
    secret: string;
    keyPrefix: string;
    userId: string;
    performanceId: string;
    ttlMs?: number;
  },
): Promise<{ token: string; tokenId: string }> {
  const tokenId = randomUUID();
  const now = Date.now();
  const expiresAt = now + ttlMs;
  const key = grantKey(keyPrefix, performanceId, userId);
  await redis
    .multi()
    .hset(key, {
      state: "claimed",
      jti: tokenId,
      extended: "0",
      admittedAt: now,
      claimBy: now,
      claimedAt: now,
      expiresAt,
    })
    .pexpire(key, ttlMs)
    .zadd(queueKeys(keyPrefix, performanceId).active, expiresAt, userId)
    .exec();
  return {
    token: await signWorkingToken({ secret, userId, performanceId, tokenId, expiresAt }),
    tokenId,
  };
}

/** Removes every Redis key of the given schedules and queue prefix. */
export async function deleteTestKeys(
  redis: RedisClient,
  { scheduleIds, keyPrefix }: { scheduleIds: string[]; keyPrefix: string },
): Promise<void> {
  await deleteKeysMatching(redis, [
    // Every key of a schedule carries its hash tag (see common/src/seats/keys.ts).
    ...scheduleIds.map((id) => `*{sch:${id}}*`),
    `${keyPrefix}*`,
  ]);
}
