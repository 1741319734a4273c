import { createEvent, outboxMessage, waitlistOffered } from "@ticketping/common/events";
import { queueKeys } from "@ticketping/common/queue";
import { holdSeats, releaseSeats } from "@ticketping/common/seats";
import { uuidv7, writeOutbox, type Prisma } from "@ticketping/db";
import type { HandlerDeps, WaitlistSettings } from "../handlers/deps";
import { workerMetrics } from "../metrics";

export const defaultWaitlistSettings: WaitlistSettings = { offerTtlMs: 600_000, maxOpenHolds: 1 };

/** Entries looked at in one pass of one show: far more than its free seats can serve. */
const ENTRIES_PER_PASS = 200;

interface FreeSeat {
  id: string;
  row: number;
  column: number;
}

interface RedisHold {
  reservationId: string;
  seatIds: string[];
}

/**
 * Offers a show's free seats to its waitlist, in line order: each waiting entry whose
 * quantity fits in what is left gets those seats held for its buyer (a PENDING reservation
 * written by create_holds, with its limits, until now + the offer's TTL) and the buyer is
 * told (waitlist.offered, through the outbox). Entries that do not fit wait for more seats;
 * an entry whose offer ended unused (lapsed or declined) has had its turn.
 *
 * Lock order, as every path that touches a show's seats: the schedule row first (FOR
 * UPDATE: one pass per show at a time, no hold or cancellation in between), then the seats
 * by id, skipping any another transaction has locked (it is ending a hold, and its own
 * event brings another pass). The buyer's hold lock (create_holds' advisory lock) is only
 * tried, never waited for: a web hold of that buyer takes it before the schedule's.
 *
 * As a web hold, Redis first (the seat map must never show an offered seat as free), then
 * PostgreSQL; the Redis holds are undone if the transaction does not commit. Idempotent:
 * a redelivered trigger finds the seats already held and the entry OFFERED.
 */
export async function offerReturnedSeats(
  deps: HandlerDeps,
  { scheduleId, now = new Date() }: { scheduleId: string; now?: Date },
): Promise<{ offered: number }> {
  const { prisma, redis, seatKeyPrefix } = deps;
  // Every returned hold comes here: a show nobody waits for costs one indexed read, and
  // never its row lock, which every hold of the show would wait behind.
  const show = await prisma.schedule.findUnique({
    where: { id: scheduleId },
    select: {
      performanceId: true,
      performance: { select: { generalSaleOpensAt: true } },
      waitlist: {
        where: { status: { in: ["WAITING", "OFFERED"] } },
        take: 1,
        select: { id: true },
      },
    },
  });
  if (!show || show.waitlist.length === 0) return { offered: 0 };
  // A presale's seats are for its code holders: an offer needs no code, so none is made
  // before the general sale (the sweeper's passes make them from then on).
  const generalSaleOpensAt = show.performance.generalSaleOpensAt;
  if (generalSaleOpensAt && generalSaleOpensAt > now) return { offered: 0 };
  if (await lineIsWaiting(deps, show.performanceId)) return { offered: 0 };
  const made: RedisHold[] = [];
  try {
    const offered = await prisma.$transaction(
      (tx) => makeOffers(deps, tx, { scheduleId, now, made }),
      {
        timeout: 20_000,
        maxWait: 10_000,
      },
    );
    if (offered > 0) workerMetrics.waitlistOffers.inc(offered);
    return { offered };
  } catch (error) {
    await Promise.all(
      made.map((hold) =>
        releaseSeats(redis, { keyPrefix: seatKeyPrefix, scheduleId, ...hold }).catch(
          (undoError: unknown) => {
            // The hold key still lapses on its own, and its expiry frees the seats.
            deps.logger.error({ err: undoError, ...hold }, "could not undo an offer's Redis hold");
          },
        ),
      ),
    );
    throw error;
  }
}

/**
 * Whether buyers wait in the performance's line (or one of its pre-queues): they asked for a place
 * first and went through its door (proof of work, a confirmed email), so seats that come
 * back during the sale are theirs to find on the seat map; the waitlist gets what the line
 * leaves. Each waiting buyer is admitted in turn, so this only defers offers.
 */
async function lineIsWaiting(deps: HandlerDeps, performanceId: string): Promise<boolean> {
  const prefix = deps.waitlist?.queueKeyPrefix;
  if (prefix === undefined) return false;
  const keys = queueKeys(prefix, performanceId);
  const [waiting, preQueued, generalPreQueued] = await Promise.all([
    deps.redis.zcard(keys.waiting),
    deps.redis.zcard(keys.pre),
    deps.redis.zcard(keys.generalPre),
  ]);
  return waiting + preQueued + generalPreQueued > 0;
}

async function makeOffers(
  deps: HandlerDeps,
  tx: Prisma.TransactionClient,
  { scheduleId, now, made }: { scheduleId: string; now: Date; made: RedisHold[] },
): Promise<number> {
  const settings = deps.waitlist ?? defaultWaitlistSettings;
  const [schedule] = await tx.$queryRaw<
    { performance_id: string; cancelled_at: Date | null; waitlist_closed_at: Date | null }[]
  >`SELECT performance_id, cancelled_at, waitlist_closed_at
      FROM schedules WHERE id = ${scheduleId}::uuid FOR UPDATE`;
  if (!schedule) return 0;

  await settleEndedOffers(tx, { scheduleId, now });
  if (schedule.cancelled_at || schedule.waitlist_closed_at) return 0;

  const waiting = await tx.waitlistEntry.findMany({
    where: { scheduleId, status: "WAITING" },
    orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
    select: { id: true, userId: true, quantity: true },
    take: ENTRIES_PER_PASS,
  });
  if (waiting.length === 0) return 0;
  let free = await tx.$queryRaw<FreeSeat[]>`
    SELECT id, row_number AS "row", column_number AS "column"
      FROM seats
     WHERE schedule_id = ${scheduleId}::uuid AND status = 'AVAILABLE' AND held_back_at IS NULL
     ORDER BY id
       FOR UPDATE SKIP LOCKED`;
  // Seats side by side: by row, then column.
  free.sort((a, b) => a.row - b.row || a.column - b.column);

  let offered = 0;
  for (const entry of waiting) {
    if (entry.quantity > free.length) continue;
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(
               hashtextextended('hold:' || ${entry.userId} || ':' || ${schedule.performance_id}, 0)
             ) AS locked`;
    if (!lock?.locked) continue;
    const result = await offerTo(deps, tx, {
      scheduleId,
      performanceId: schedule.performance_id,
      entry,
      free,
      now,
      settings,
      made,
    });
    if (result.kind === "sale-closed") break;
    free = free.filter((seat) => !result.taken.includes(seat.id));
    if (result.kind === "offered") offered++;
  }
  return offered;
}

/**
 * Entries whose offer is over: PASSED if it ended unused (lapsed, declined, or ended with
 * its show), ACCEPTED if it was paid without being accepted first. An accepted offer whose
 * hold then lapsed unpaid is PASSED too: its buyer had the turn and did not buy, and the
 * organizer's count of accepted offers must not keep it.
 */
async function settleEndedOffers(
  tx: Prisma.TransactionClient,
  { scheduleId, now }: { scheduleId: string; now: Date },
): Promise<void> {
  await tx.$executeRaw`
    UPDATE waitlist_entries e
       SET status = CASE WHEN EXISTS (
                          SELECT 1 FROM reservations r
                           WHERE r.waitlist_entry_id = e.id AND r.status = 'CONFIRMED')
                         THEN 'ACCEPTED'::"WaitlistStatus" ELSE 'PASSED'::"WaitlistStatus" END,
           updated_at = ${now}
     WHERE e.schedule_id = ${scheduleId}::uuid
       AND (e.status = 'OFFERED'
            OR (e.status = 'ACCEPTED'
                AND NOT EXISTS (SELECT 1 FROM reservations r
                                 WHERE r.waitlist_entry_id = e.id
                                   AND r.status IN ('CONFIRMED', 'REFUNDED'))))
       AND NOT EXISTS (SELECT 1 FROM reservations r
                        WHERE r.waitlist_entry_id = e.id AND r.status = 'PENDING')`;
}

type OfferResult =
  | { kind: "offered"; taken: string[] }
  /** This entry gets nothing now (its buyer's limits); `taken`: seats found held meanwhile. */
  | { kind: "skipped"; taken: string[] }
  | { kind: "sale-closed"; taken: string[] };

async function offerTo(
  { redis, seatKeyPrefix, logger }: HandlerDeps,
  tx: Prisma.TransactionClient,
  options: {
    scheduleId: string;
    performanceId: string;
    entry: { id: string; userId: string; quantity: number };
    free: FreeSeat[];
    now: Date;
    settings: WaitlistSettings;
    made: RedisHold[];
  },
): Promise<OfferResult> {
  const { scheduleId, performanceId, entry, now, settings, made } = options;
  const reservationId = uuidv7(now.getTime());
  const holdExpiresAt = new Date(now.getTime() + settings.offerTtlMs);
  let candidates = options.free;
  const taken: string[] = [];
  let seatIds: string[];
  // Whether this offer made a Redis hold: only then is the last of `made` its own to undo.
  let pushed = false;
  for (;;) {
    if (candidates.length < entry.quantity) return { kind: "skipped", taken };
    seatIds = candidates
      .slice(0, entry.quantity)
      .map((seat) => seat.id)
      .sort();
    const result = await holdSeats(redis, {
      keyPrefix: seatKeyPrefix,
      scheduleId,
      reservationId,
      userId: entry.userId,
      seatIds,
      expiresAt: holdExpiresAt,
      maxOpenHolds: settings.maxOpenHolds,
    });
    if (result.kind === "held") {
      made.push({ reservationId, seatIds });
      pushed = true;
      break;
    }
    // No cached map: PostgreSQL alone decides, and the map is built from it later.
    if (result.kind === "missing") break;
    if (result.kind === "limit-reached") return { kind: "skipped", taken };
    // A web hold took these in Redis and waits for our schedule lock to write them.
    taken.push(...result.seatIds);
    candidates = candidates.filter((seat) => !result.seatIds.includes(seat.id));
  }

  const hold = {
    reservation_id: reservationId,
    user_id: entry.userId,
    performance_id: performanceId,
    schedule_id: scheduleId,
    seat_ids: seatIds,
    hold_expires_at: holdExpiresAt.toISOString(),
    now: now.toISOString(),
    max_open_holds: settings.maxOpenHolds,
  };
  const [answer] = await tx.$queryRaw<{ outcome: string; error_code: string | null }[]>`
    SELECT outcome, error_code FROM create_holds(${JSON.stringify([hold])}::jsonb)`;
  if (answer?.outcome !== "HELD") {
    const redisHold = pushed ? made.pop() : undefined;
    if (redisHold) {
      await releaseSeats(redis, { keyPrefix: seatKeyPrefix, scheduleId, ...redisHold });
    }
    logger.info(
      { scheduleId, entryId: entry.id, outcome: answer?.outcome, errorCode: answer?.error_code },
      "waitlist entry skipped",
    );
    if (answer?.outcome === "SALE_CLOSED") return { kind: "sale-closed", taken };
    return { kind: "skipped", taken };
  }
  await tx.reservation.update({
    where: { id: reservationId },
    data: { waitlistEntryId: entry.id },
  });
  await tx.waitlistEntry.update({
    where: { id: entry.id },
    data: { status: "OFFERED", updatedAt: now },
  });
  const event = createEvent(waitlistOffered, {
    reservationId,
    entryId: entry.id,
    scheduleId,
    userId: entry.userId,
  });
  await writeOutbox(tx, [outboxMessage(waitlistOffered, event, { key: reservationId })]);
  logger.info({ scheduleId, entryId: entry.id, reservationId, seatIds }, "waitlist offer made");
  return { kind: "offered", taken: [...taken, ...seatIds] };
}
