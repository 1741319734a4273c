import "server-only";
import { AppError } from "@ticketping/common/errors";
import { closeWaitlist } from "@ticketping/db/lifecycle";
import { db } from "../db";
import { getAdminWaitlist } from "./get-admin-waitlist";
import type { AdminWaitlist } from "./schemas";

/** The organizer closes a show's waitlist (closeWaitlist); closing again changes nothing. */
export async function closeShowWaitlist({
  scheduleId,
}: {
  scheduleId: string;
}): Promise<AdminWaitlist> {
  const closed = await db().$transaction((tx) => closeWaitlist(tx, { scheduleId }));
  if (!closed) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  return getAdminWaitlist({ scheduleId });
}
