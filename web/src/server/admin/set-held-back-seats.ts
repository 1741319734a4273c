import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { invalidInput } from "./invalid-input";
import type { HeldBackSeatsChange } from "./schemas";

interface LockedSeat {
  id: string;
  status: string;
  held_back: boolean;
}

/**
 * The organizer takes free seats of a show off sale (house seats, camera positions) or puts
 * held-back seats back on sale. All or nothing; repeating a change changes nothing.
 *
 * Locks the schedule row, then the seats by id: the order every hold takes them in (a hold
 * takes the schedule FOR SHARE when it inserts its reservation, its seats after), so a hold
 * being written either commits first (its seat is no longer free: refused here) or waits
 * for this commit and is refused by the database (migration ..._held_back_seats).
 */
export async function setHeldBackSeats({
  scheduleId,
  input,
}: {
  scheduleId: string;
  input: HeldBackSeatsChange;
}): Promise<void> {
  const seatIds = [...new Set(input.seatIds)].sort();
  const performanceId = await db().$transaction(async (tx) => {
    const [schedule] = await tx.$queryRaw<{ performance_id: string }[]>`
      SELECT performance_id FROM schedules WHERE id = ${scheduleId}::uuid FOR UPDATE`;
    if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
    const seats = await tx.$queryRaw<LockedSeat[]>`
      SELECT id, status::text AS status, held_back_at IS NOT NULL AS held_back
        FROM seats
       WHERE schedule_id = ${scheduleId}::uuid AND id = ANY(${seatIds}::uuid[])
       ORDER BY id
         FOR UPDATE`;
    if (seats.length !== seatIds.length) {
      throw invalidInput("seatIds", "Some seats are not part of this show.");
    }
    if (input.heldBack) {
      const taken = seats.filter((seat) => !seat.held_back && seat.status !== "AVAILABLE");
      if (taken.length > 0) {
        throw new AppError("SEAT_UNAVAILABLE", "seats held or sold cannot be held back", {
          userMessage: "Some of these seats are held or sold: only free seats can be held back.",
          details: { seatIds: taken.map((seat) => seat.id) },
        });
      }
    }
    await tx.$executeRaw`
      UPDATE seats
         SET held_back_at = CASE WHEN ${input.heldBack} THEN now() END
       WHERE id = ANY(${seatIds}::uuid[])
         AND (held_back_at IS NULL) = ${input.heldBack}`;
    return schedule.performance_id;
  });
  // The seat map shows them taken or free again; the line's count of sellable seats follows.
  await invalidateLiveCaches({ scheduleIds: [scheduleId], performanceIds: [performanceId] });
}
