import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import type { AdminWaitlist } from "./schemas";

/** A show's waitlist for its organizer: how many wait, hold an offer, took one; closed or not. */
export async function getAdminWaitlist({
  scheduleId,
}: {
  scheduleId: string;
}): Promise<AdminWaitlist> {
  const schedule = await db().schedule.findUnique({
    where: { id: scheduleId },
    select: { waitlistClosedAt: true },
  });
  if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  const counts = await db().waitlistEntry.groupBy({
    by: ["status"],
    where: { scheduleId, status: { in: ["WAITING", "OFFERED", "ACCEPTED"] } },
    _count: { _all: true },
  });
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  return {
    scheduleId,
    waiting: count("WAITING"),
    offered: count("OFFERED"),
    accepted: count("ACCEPTED"),
    closedAt: schedule.waitlistClosedAt?.toISOString() ?? null,
  };
}
