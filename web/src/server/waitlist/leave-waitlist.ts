import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { getShowWaitlist } from "./get-show-waitlist";
import type { ShowWaitlist } from "./schemas";

/**
 * The buyer leaves a show's waitlist while waiting. An open offer is declined instead
 * (its seats go to the next entry), so leaving never strands seats held for them.
 */
export async function leaveWaitlist({
  scheduleId,
  userId,
  now = new Date(),
}: {
  scheduleId: string;
  userId: string;
  now?: Date;
}): Promise<ShowWaitlist> {
  const { count } = await db().waitlistEntry.updateMany({
    where: { scheduleId, userId, status: "WAITING" },
    data: { status: "LEFT", updatedAt: now },
  });
  if (count === 0) {
    const entry = await db().waitlistEntry.findUnique({
      where: { scheduleId_userId: { scheduleId, userId } },
      select: { status: true },
    });
    if (entry?.status === "OFFERED") {
      throw new AppError("CONFLICT", "the entry has an open offer", {
        userMessage: "Seats are held for you: decline the offer to leave the waitlist.",
        details: { reason: "OFFER_OPEN" },
      });
    }
    throw new AppError("NOT_FOUND", `not waiting on the waitlist of ${scheduleId}`, {
      userMessage: "You are not on this show's waitlist.",
    });
  }
  return getShowWaitlist({ scheduleId, userId });
}
