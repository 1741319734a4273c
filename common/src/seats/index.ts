import type { RedisClient } from "../redis";
import { defineLuaScripts, type LuaScript } from "../redis/lua-scripts";
import { luaSources } from "./lua.generated";
import { scheduleKeys } from "./keys";

export { seatEnvFields } from "./env-fields";
export { parseHoldKey, scheduleKeys, type ScheduleKeys } from "./keys";

/** Which schedule, under which key prefix (SEAT_KEY_PREFIX): every call below names both. */
export interface ScheduleRef {
  keyPrefix: string;
  scheduleId: string;
}

/**
 * Seat holds and the seat-map cache in Redis, shared by the web app (holds, releases,
 * reads) and the worker (sales, expiries, refunds). PostgreSQL stays the truth: every
 * function here is called after the database agreed (sale, expiry, release) or is undone
 * when it does not (hold). See keys.ts for the key layout.
 *
 * The worker's part, each call after its database transaction committed:
 * - hold lapsed: Redis announces `<prefix>hold:{sch:<scheduleId>}:<reservationId>` as an
 *   expired key (notify-keyspace-events Ex; heard through listenForExpiredKeys of
 *   ../redis, from every master of a cluster); `parseHoldKey(prefix, key)` gives both
 *   ids and `readHoldSeats` the seats (kept a day past the hold). Once the reservation is
 *   EXPIRED: `releaseSeats(redis, { keyPrefix, scheduleId, reservationId })`. A sweeper that finds
 *   lapsed PENDING reservations in PostgreSQL calls the same.
 * - sale: once CONFIRMED, `markSeatsSold(redis, { scheduleId, reservationId, seatIds })`
 *   (also deletes the hold key, so no expiry follows).
 * - refund or cancellation of a sold reservation: `releaseSeats(redis, { scheduleId,
 *   reservationId, seatIds })` with the seat ids (the hold's own list is gone by then).
 * - an organizer edit of grades, prices or limits: `invalidateSeatMap(redis, { keyPrefix, scheduleId })`
 *   for each show of the performance; the next read rebuilds it.
 * Every one of them is idempotent and frees or marks only seats this reservation owns.
 */

const holdScript = (command: string, name: keyof typeof luaSources, numberOfKeys: number) => ({
  command,
  numberOfKeys,
  lua: luaSources[name],
});

const scripts = {
  ticketpingReadSeatMap: holdScript("ticketpingReadSeatMap", "read-seat-map", 3),
  ticketpingBuildSeatMap: holdScript("ticketpingBuildSeatMap", "build-seat-map", 3),
  ticketpingHoldSeats: holdScript("ticketpingHoldSeats", "hold-seats", 6),
  ticketpingReleaseSeats: holdScript("ticketpingReleaseSeats", "release-seats", 5),
  ticketpingMarkSeatsSold: holdScript("ticketpingMarkSeatsSold", "mark-seats-sold", 5),
  ticketpingUnlock: holdScript("ticketpingUnlock", "unlock", 1),
} satisfies Record<string, LuaScript>;

type ScriptRunner = (...args: (string | number)[]) => Promise<unknown>;
type RedisWithHolds = RedisClient & Record<keyof typeof scripts, ScriptRunner>;

/**
 * Registers the hold scripts on a connection (once). The functions below do it on first
 * use; an auto-pipelining connection needs it up front (see createRedis).
 */
export function defineHoldCommands(redis: RedisClient): void {
  defineLuaScripts(redis, Object.values(scripts));
}

function withCommands(redis: RedisClient): RedisWithHolds {
  defineHoldCommands(redis);
  return redis as RedisWithHolds;
}

/** A cached seat's status value: who holds or bought it. Absent means available. */
export interface SeatOwner {
  status: "HELD" | "SOLD";
  reservationId: string;
}

export function seatOwnerValue(owner: SeatOwner): string {
  return `${owner.status === "HELD" ? "H" : "S"}:${owner.reservationId}`;
}

export type SeatMapRead =
  | { kind: "missing" }
  | { kind: "no-such-schedule" }
  | { kind: "unchanged"; version: string }
  | {
      kind: "map";
      version: string;
      build: string;
      /** The layout JSON; null when the caller already has this build. */
      layoutJson: string | null;
      /** seatId -> status value, for the seats that are not available. */
      taken: Map<string, string>;
    };

/** One round trip: nothing new when `knownVersion` is current, the layout only when new. */
export async function readSeatMap(
  redis: RedisClient,
  {
    keyPrefix,
    scheduleId,
    knownVersion = "",
    knownBuild = "",
  }: ScheduleRef & { knownVersion?: string; knownBuild?: string },
): Promise<SeatMapRead> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  const reply = (await withCommands(redis).ticketpingReadSeatMap(
    keys.layout,
    keys.status,
    keys.version,
    knownVersion,
    knownBuild,
  )) as [number, string?, string?, (string | null)?, string[]?];
  switch (reply[0]) {
    case 0:
      return { kind: "missing" };
    case 3:
      return { kind: "no-such-schedule" };
    case 1:
      return { kind: "unchanged", version: reply[1] ?? "0" };
    default: {
      const flat = reply[4] ?? [];
      const taken = new Map<string, string>();
      for (let i = 0; i + 1 < flat.length; i += 2) taken.set(flat[i] ?? "", flat[i + 1] ?? "");
      return {
        kind: "map",
        version: reply[1] ?? "0",
        build: reply[2] ?? "",
        layoutJson: reply[3] ?? null,
        taken,
      };
    }
  }
}

/** Whether the map (or the note that the schedule does not exist) is cached. */
export async function isSeatMapCached(
  redis: RedisClient,
  { keyPrefix, scheduleId }: ScheduleRef,
): Promise<boolean> {
  return (await redis.hexists(scheduleKeys(keyPrefix, scheduleId).layout, "build")) === 1;
}

/** The version before a build's database read; pass it to storeSeatMap. */
export async function readSeatMapVersion(
  redis: RedisClient,
  { keyPrefix, scheduleId }: ScheduleRef,
): Promise<string> {
  return (await redis.get(scheduleKeys(keyPrefix, scheduleId).version)) ?? "";
}

/**
 * Stores a map read from PostgreSQL. "stale" means a hold, release or sale changed the
 * schedule while it was read: read the database again.
 */
export async function storeSeatMap(
  redis: RedisClient,
  {
    keyPrefix,
    scheduleId,
    expectedVersion,
    build,
    layoutJson,
    taken,
    now = Date.now(),
  }: ScheduleRef & {
    expectedVersion: string;
    build: string;
    layoutJson: string;
    taken: Iterable<[seatId: string, value: string]>;
    now?: number;
  },
): Promise<"stored" | "exists" | "stale"> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  const pairs = [...taken].flat();
  const result = await withCommands(redis).ticketpingBuildSeatMap(
    keys.layout,
    keys.status,
    keys.version,
    expectedVersion,
    build,
    layoutJson,
    now,
    ...pairs,
  );
  return result === 1 ? "stored" : result === 2 ? "exists" : "stale";
}

/** Remembers briefly that a schedule does not exist, so unknown ids cannot hammer the database. */
export async function markScheduleMissing(
  redis: RedisClient,
  { keyPrefix, scheduleId, ttlMs = 30_000 }: ScheduleRef & { ttlMs?: number },
): Promise<void> {
  const { layout } = scheduleKeys(keyPrefix, scheduleId);
  await redis.multi().hset(layout, "build", "-").pexpire(layout, ttlMs).exec();
}

/**
 * Drops a schedule's cached map so the next read rebuilds it from PostgreSQL. For
 * organizer edits (grades, prices, sale window) and for repairs after a disagreement.
 */
export async function invalidateSeatMap(
  redis: RedisClient,
  { keyPrefix, scheduleId }: ScheduleRef,
): Promise<void> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  await redis.multi().del(keys.layout, keys.status).incr(keys.version).exec();
}

/** Single-flight lock of a cold build under the caller's token; true when this caller holds it. */
export async function tryLockSeatMapBuild(
  redis: RedisClient,
  { keyPrefix, scheduleId, token, ttlMs = 10_000 }: ScheduleRef & { token: string; ttlMs?: number },
): Promise<boolean> {
  const lock = scheduleKeys(keyPrefix, scheduleId).buildLock;
  const reply = await redis.set(lock, token, "PX", ttlMs, "NX");
  return reply === "OK";
}

export async function unlockSeatMapBuild(
  redis: RedisClient,
  { keyPrefix, scheduleId, token }: ScheduleRef & { token: string },
): Promise<void> {
  const lock = scheduleKeys(keyPrefix, scheduleId).buildLock;
  await withCommands(redis).ticketpingUnlock(lock, token);
}

export type HoldSeatsResult =
  | { kind: "held" }
  | { kind: "unavailable"; seatIds: string[] }
  | { kind: "missing" }
  | { kind: "limit-reached" };

/**
 * All-or-nothing hold of `seatIds` for `reservationId` until `expiresAt`. On success the
 * key `<prefix>hold:{sch:<scheduleId>}:<reservationId>` expires at `expiresAt`.
 */
export async function holdSeats(
  redis: RedisClient,
  {
    keyPrefix,
    scheduleId,
    reservationId,
    userId,
    seatIds,
    expiresAt,
    maxOpenHolds,
  }: ScheduleRef & {
    reservationId: string;
    userId: string;
    seatIds: readonly string[];
    expiresAt: Date;
    maxOpenHolds: number;
  },
): Promise<HoldSeatsResult> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  const reply = (await withCommands(redis).ticketpingHoldSeats(
    keys.layout,
    keys.status,
    keys.version,
    keys.hold(reservationId),
    keys.holdSeats(reservationId),
    keys.buyer(userId),
    reservationId,
    userId,
    expiresAt.getTime(),
    maxOpenHolds,
    keys.holdPrefix,
    ...seatIds,
  )) as [number, ...string[]];
  const [code, ...taken] = reply;
  if (code === 1) return { kind: "held" };
  if (code === 0) return { kind: "unavailable", seatIds: taken };
  if (code === -1) return { kind: "missing" };
  return { kind: "limit-reached" };
}

/**
 * Frees a reservation's seats in the cache (compare-and-delete by owner) and deletes its
 * hold key. Call it after the database released them: buyer release, expiry, refund; or
 * to undo a hold whose database write failed. Without `seatIds` the hold's own seat list
 * is used (it lasts a day past the hold); after a sale pass the sold seat ids.
 * Returns the seat ids that were freed.
 */
export async function releaseSeats(
  redis: RedisClient,
  {
    keyPrefix,
    scheduleId,
    reservationId,
    seatIds = [],
  }: ScheduleRef & { reservationId: string; seatIds?: readonly string[] },
): Promise<string[]> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  return (await withCommands(redis).ticketpingReleaseSeats(
    keys.layout,
    keys.status,
    keys.version,
    keys.hold(reservationId),
    keys.holdSeats(reservationId),
    reservationId,
    ...seatIds,
  )) as string[];
}

/**
 * Shows a confirmed reservation's seats as SOLD and deletes its hold key (so no expiry
 * follows). Call it after the database committed the sale.
 */
export async function markSeatsSold(
  redis: RedisClient,
  {
    keyPrefix,
    scheduleId,
    reservationId,
    seatIds,
  }: ScheduleRef & { reservationId: string; seatIds: readonly string[] },
): Promise<number> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  return (await withCommands(redis).ticketpingMarkSeatsSold(
    keys.layout,
    keys.status,
    keys.version,
    keys.hold(reservationId),
    keys.holdSeats(reservationId),
    reservationId,
    ...seatIds,
  )) as number;
}

/** The seat ids of a hold, readable for a day after the hold key expired. */
export async function readHoldSeats(
  redis: RedisClient,
  { keyPrefix, scheduleId, reservationId }: ScheduleRef & { reservationId: string },
): Promise<string[]> {
  return redis.smembers(scheduleKeys(keyPrefix, scheduleId).holdSeats(reservationId));
}
