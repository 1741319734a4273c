import "server-only";
import { db } from "../db";

export interface WaitingRoomInfo {
  performanceId: string;
  performanceName: string;
  performanceSlug: string;
  hallName: string;
  /** The hall's IANA time zone: the show time is on its clock. */
  hallTimeZone: string;
  /** When the sale opens (its pre-queue opens QUEUE_PREQUEUE_LEAD_SECONDS before). */
  opensAt: Date;
  /** When the general sale opens after a presale; null: no presale. */
  generalSaleOpensAt: Date | null;
  /** The show the buyer was booking, when the link named one of this performance's. */
  schedule: { id: string; startsAt: Date; cancelledAt: Date | null } | null;
  /** Every show of the performance is cancelled: there is no line worth joining. */
  everyShowCancelled: boolean;
}

/**
 * What the waiting room page shows around the live part: which performance, and which of
 * its shows the buyer goes on to once admitted. Null for unknown and draft performances.
 * A schedule id of another performance is ignored rather than trusted.
 */
export async function getWaitingRoom({
  performanceId,
  scheduleId,
}: {
  performanceId: string;
  scheduleId?: string;
}): Promise<WaitingRoomInfo | null> {
  const [performance, schedule] = await Promise.all([
    db().performance.findFirst({
      where: { id: performanceId, saleStatus: { not: "DRAFT" } },
      select: {
        id: true,
        name: true,
        slug: true,
        bookingOpensAt: true,
        generalSaleOpensAt: true,
        hall: { select: { name: true, timeZone: true } },
        schedules: { select: { cancelledAt: true } },
      },
    }),
    scheduleId
      ? db().schedule.findFirst({
          where: { id: scheduleId, performanceId },
          select: { id: true, startsAt: true, cancelledAt: true },
        })
      : null,
  ]);
  if (!performance) return null;
  return {
    performanceId: performance.id,
    performanceName: performance.name,
    performanceSlug: performance.slug,
    hallName: performance.hall.name,
    hallTimeZone: performance.hall.timeZone,
    opensAt: performance.bookingOpensAt,
    generalSaleOpensAt: performance.generalSaleOpensAt,
    schedule,
    everyShowCancelled:
      performance.schedules.length > 0 &&
      performance.schedules.every((show) => show.cancelledAt !== null),
  };
}
