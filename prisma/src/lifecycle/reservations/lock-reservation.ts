import { Prisma, type ReservationStatus } from "../../generated/client";

/** A reservation row locked for the rest of the transaction, with its show's facts. */
export interface LockedReservation {
  id: string;
  userId: string;
  scheduleId: string;
  performanceId: string;
  status: ReservationStatus;
  amountMinor: number;
  currency: string;
  showStartsAt: Date;
  /** The organizer cancelled the show (read, not locked: see revive_paid_reservation). */
  showCancelled: boolean;
}

interface LockedRow {
  id: string;
  user_id: string;
  schedule_id: string;
  performance_id: string;
  status: ReservationStatus;
  amount_minor: number;
  currency: string;
  starts_at: Date;
  show_cancelled: boolean;
}

/**
 * Reads and locks a reservation (FOR UPDATE) before a transition that depends on its
 * status, so a concurrent transition waits and then sees this one's outcome. With
 * `userId`, someone else's reservation reads as missing.
 */
export async function lockReservation(
  tx: Prisma.TransactionClient,
  { reservationId, userId }: { reservationId: string; userId?: string },
): Promise<LockedReservation | null> {
  const [row] = await tx.$queryRaw<LockedRow[]>`
    SELECT r.id, r.user_id, r.schedule_id, sc.performance_id, r.status::text AS status,
           r.amount_minor, r.currency, sc.starts_at,
           sc.cancelled_at IS NOT NULL AS show_cancelled
      FROM reservations r JOIN schedules sc ON sc.id = r.schedule_id
     WHERE r.id = ${reservationId}::uuid
           ${userId === undefined ? Prisma.empty : Prisma.sql`AND r.user_id = ${userId}::uuid`}
       FOR UPDATE OF r`;
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    scheduleId: row.schedule_id,
    performanceId: row.performance_id,
    status: row.status,
    amountMinor: row.amount_minor,
    currency: row.currency,
    showStartsAt: row.starts_at,
    showCancelled: row.show_cancelled,
  };
}
