import "server-only";
import type { TransactionClient } from "@ticketping/db";

/**
 * Keeps a performance's first and last show equal to its earliest and latest schedule
 * (the catalog filters and sorts by them). With no schedule left they stay as they were.
 */
export async function refreshShowDates({
  tx,
  performanceId,
}: {
  tx: TransactionClient;
  performanceId: string;
}): Promise<void> {
  const range = await tx.schedule.aggregate({
    where: { performanceId },
    _min: { startsAt: true },
    _max: { startsAt: true },
  });
  if (!range._min.startsAt || !range._max.startsAt) return;
  await tx.performance.update({
    where: { id: performanceId },
    data: { firstShowAt: range._min.startsAt, lastShowAt: range._max.startsAt },
  });
}
