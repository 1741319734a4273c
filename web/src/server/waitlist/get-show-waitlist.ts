import "server-only";
import { AppError } from "@ticketping/common/errors";
import type { Prisma } from "@ticketping/db";
import { db } from "../db";
import type { ShowWaitlist, WaitlistEntryView } from "./schemas";

/** A show's waitlist as the signed-in buyer sees it: open or not, its length, their entry. */
export async function getShowWaitlist({
  scheduleId,
  userId,
  tx = db(),
}: {
  scheduleId: string;
  userId: string;
  tx?: Prisma.TransactionClient;
}): Promise<ShowWaitlist> {
  const schedule = await tx.schedule.findUnique({
    where: { id: scheduleId },
    select: { cancelledAt: true, waitlistClosedAt: true },
  });
  if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  const [waiting, free, entry] = await Promise.all([
    tx.waitlistEntry.count({ where: { scheduleId, status: "WAITING" } }),
    tx.seat.count({ where: { scheduleId, status: "AVAILABLE", heldBackAt: null } }),
    tx.waitlistEntry.findUnique({
      where: { scheduleId_userId: { scheduleId, userId } },
      select: {
        id: true,
        quantity: true,
        status: true,
        joinedAt: true,
        offers: { where: { status: "PENDING" }, select: { id: true }, take: 1 },
      },
    }),
  ]);
  let view: WaitlistEntryView | null = null;
  if (entry) {
    const ahead =
      entry.status === "WAITING"
        ? await tx.waitlistEntry.count({
            where: {
              scheduleId,
              status: "WAITING",
              OR: [
                { joinedAt: { lt: entry.joinedAt } },
                { joinedAt: entry.joinedAt, id: { lt: entry.id } },
              ],
            },
          })
        : null;
    view = {
      entryId: entry.id,
      scheduleId,
      quantity: entry.quantity,
      status: entry.status,
      joinedAt: entry.joinedAt.toISOString(),
      position: ahead === null ? null : ahead + 1,
      offerReservationId: entry.offers[0]?.id ?? null,
    };
  }
  return {
    scheduleId,
    closed: schedule.cancelledAt !== null || schedule.waitlistClosedAt !== null,
    soldOut: free === 0,
    waiting,
    entry: view,
  };
}
