import type { Prisma } from "../../generated/client";

/**
 * Closes a show's waitlist: nobody joins any more, no offer goes out, and the entries still
 * waiting end CLOSED. Offers already made stand until they are used or lapse (a cancelled
 * show ends them with its holds). Under the schedule row's lock, as every waitlist pass, so
 * no pass makes an offer after this commits. Null if there is no such show; closing again
 * keeps the first time.
 */
export async function closeWaitlist(
  tx: Prisma.TransactionClient,
  { scheduleId, now = new Date() }: { scheduleId: string; now?: Date },
): Promise<{ closedAt: Date; closedEntries: number } | null> {
  const [schedule] = await tx.$queryRaw<{ waitlist_closed_at: Date | null }[]>`
    SELECT waitlist_closed_at FROM schedules WHERE id = ${scheduleId}::uuid FOR UPDATE`;
  if (!schedule) return null;
  const closedAt = schedule.waitlist_closed_at ?? now;
  if (!schedule.waitlist_closed_at) {
    await tx.schedule.update({ where: { id: scheduleId }, data: { waitlistClosedAt: now } });
  }
  const { count } = await tx.waitlistEntry.updateMany({
    where: { scheduleId, status: "WAITING" },
    data: { status: "CLOSED", updatedAt: now },
  });
  return { closedAt, closedEntries: count };
}
