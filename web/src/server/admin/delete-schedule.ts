import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { reservationsExist } from "./conflict-errors";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { isForeignKeyViolation } from "./is-foreign-key-violation";
import { refreshShowDates } from "./refresh-show-dates";

const refusal =
  "This show has reservations (held, paid or past), so it cannot be deleted: buyers' tickets and payment records refer to it. Close the sale instead.";

/**
 * Deletes a show time and its seats, but never one anybody has reserved. Its cached seat
 * map goes too (a reader then learns the show is gone), and the waiting room recounts the
 * performance's unsold seats.
 */
export async function deleteSchedule({ id }: { id: string }): Promise<void> {
  let performanceId: string;
  try {
    performanceId = await db().$transaction(async (tx) => {
      const schedule = await tx.schedule.findUnique({
        where: { id },
        select: { performanceId: true, _count: { select: { reservations: true } } },
      });
      if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${id}`);
      if (schedule._count.reservations > 0) throw reservationsExist(`schedule ${id}`, refusal);
      // Seats cascade with the schedule.
      await tx.schedule.delete({ where: { id } });
      await refreshShowDates({ tx, performanceId: schedule.performanceId });
      return schedule.performanceId;
    });
  } catch (error) {
    // A hold that committed after the count: the foreign key refuses the delete.
    if (isForeignKeyViolation(error)) throw reservationsExist(`schedule ${id}`, refusal);
    throw error;
  }
  await invalidateLiveCaches({ scheduleIds: [id], performanceIds: [performanceId] });
}
