import "server-only";
import { createBatcher, type Batcher } from "@ticketping/common/cache";
import { db } from "../db";

export interface HoldReservation {
  reservationId: string;
  userId: string;
  performanceId: string;
  scheduleId: string;
  seatIds: string[];
  holdExpiresAt: Date;
  now: Date;
  maxOpenHolds: number;
  /** The working token's id: a hold made in a presale turn belongs to it (create_hold). */
  tokenId?: string;
}

/** create_hold's answer for one hold (see its migration for the outcomes). */
export interface HoldOutcome {
  outcome:
    | "HELD"
    | "SALE_CLOSED"
    | "TOO_MANY_SEATS"
    | "OPEN_HOLDS"
    | "UNKNOWN_SEATS"
    | "SEAT_TAKEN"
    | "PRESALE_SEAT_CAP"
    | "PRESALE_TURN_OVER";
  amount_minor: number;
  currency: string | null;
  max_seats: number | null;
  taken_seat_ids: string[] | null;
}

interface BatchRow extends Omit<HoldOutcome, "outcome"> {
  reservation_id: string;
  outcome: HoldOutcome["outcome"] | "ERROR";
  error_code: string | null;
}

/** A hold the database refused with an error of its own (the others in its batch stand). */
export class HoldWriteError extends Error {
  constructor(readonly sqlState: string) {
    super(`create_holds failed for one hold with SQLSTATE ${sqlState}`);
    this.name = "HoldWriteError";
  }
}

// Fewer batches at once than the pool has connections, so a crowd of holds leaves room
// for other queries and is written in a few large statements instead of many small ones.
const MAX_CONCURRENT_BATCHES = 4;
const MAX_BATCH_SIZE = 100;

async function writeBatch(holds: HoldReservation[]): Promise<(HoldOutcome | Error)[]> {
  const payload = holds.map((hold) => ({
    reservation_id: hold.reservationId,
    user_id: hold.userId,
    performance_id: hold.performanceId,
    schedule_id: hold.scheduleId,
    seat_ids: hold.seatIds,
    hold_expires_at: hold.holdExpiresAt.toISOString(),
    now: hold.now.toISOString(),
    max_open_holds: hold.maxOpenHolds,
    presale_token_id: hold.tokenId ?? null,
  }));
  const rows = await db().$queryRaw<BatchRow[]>`
    SELECT * FROM create_holds(${JSON.stringify(payload)}::jsonb)`;
  const byReservation = new Map(rows.map((row) => [row.reservation_id, row]));
  return holds.map((hold) => {
    const row = byReservation.get(hold.reservationId);
    if (!row) return new Error(`create_holds did not answer for ${hold.reservationId}`);
    if (row.outcome === "ERROR") return new HoldWriteError(row.error_code ?? "unknown");
    return { ...row, outcome: row.outcome };
  });
}

const globalForHolds = globalThis as unknown as {
  ticketpingHoldWriter?: Batcher<HoldReservation, HoldOutcome>;
};

/**
 * The database half of a hold: a PENDING reservation with its seats, written by
 * create_hold, which re-checks everything money and limits depend on (sale window,
 * prices, per-buyer limits). Concurrent holds share one statement and one commit
 * (create_holds). Their outcomes stay independent: a batch of one hold per buyer is written
 * with a few set-based statements, and any other batch, or one that fails as a whole, hold
 * by hold, each in its own subtransaction.
 */
export function writeHoldReservation(hold: HoldReservation): Promise<HoldOutcome> {
  globalForHolds.ticketpingHoldWriter ??= createBatcher({
    maxBatchSize: MAX_BATCH_SIZE,
    maxConcurrentBatches: MAX_CONCURRENT_BATCHES,
    runBatch: writeBatch,
  });
  return globalForHolds.ticketpingHoldWriter.submit(hold);
}
