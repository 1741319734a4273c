import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { getShowWaitlist } from "./get-show-waitlist";
import type { JoinWaitlistInput, ShowWaitlist } from "./schemas";

/**
 * The buyer joins a sold-out show's waitlist for 1 to 4 seats: one entry per buyer and show,
 * at the back of the line (joining again after leaving, or after an offer passed, moves the
 * entry to the back). Under the schedule row's share lock, so a close or a cancellation
 * (which lock it for update) is either seen or comes after.
 */
export async function joinWaitlist({
  scheduleId,
  userId,
  input,
  now = new Date(),
}: {
  scheduleId: string;
  userId: string;
  input: JoinWaitlistInput;
  now?: Date;
}): Promise<ShowWaitlist> {
  return db().$transaction(async (tx) => {
    const [schedule] = await tx.$queryRaw<
      {
        cancelled_at: Date | null;
        waitlist_closed_at: Date | null;
        sale_status: string;
        booking_opens_at: Date;
        booking_closes_at: Date;
        general_sale_opens_at: Date | null;
        max_seats_per_reservation: number;
      }[]
    >`SELECT s.cancelled_at, s.waitlist_closed_at, p.sale_status, p.booking_opens_at,
             p.booking_closes_at,
             p.general_sale_opens_at, p.max_seats_per_reservation
        FROM schedules s JOIN performances p ON p.id = s.performance_id
       WHERE s.id = ${scheduleId}::uuid
         FOR SHARE OF s`;
    if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
    if (schedule.cancelled_at) {
      throw new AppError("SALE_CLOSED", `schedule ${scheduleId} is cancelled`, {
        userMessage: "This show was cancelled.",
        details: { reason: "SHOW_CANCELLED" },
      });
    }
    if (schedule.waitlist_closed_at) {
      throw new AppError("SALE_CLOSED", `waitlist of ${scheduleId} is closed`, {
        userMessage: "The waitlist of this show is closed.",
        details: { reason: "WAITLIST_CLOSED" },
      });
    }
    if (schedule.sale_status !== "PUBLISHED" || now >= schedule.booking_closes_at) {
      throw new AppError("SALE_CLOSED", `schedule ${scheduleId} is not on sale`);
    }
    // Sold out before its opening (every seat held back, or the opening moved later): seats
    // that come back at the opening go to the line, never to entries made before it.
    if (now < schedule.booking_opens_at) {
      throw new AppError("SALE_CLOSED", `schedule ${scheduleId} has not opened`, {
        userMessage: "The waitlist opens with the sale.",
        details: { reason: "NOT_OPEN_YET" },
      });
    }
    // An offer needs no code: during a presale the waitlist would let anyone past it.
    if (schedule.general_sale_opens_at && now < schedule.general_sale_opens_at) {
      throw new AppError("PRESALE_CODE_REQUIRED", `schedule ${scheduleId} is in its presale`, {
        userMessage: "The waitlist opens with the general sale.",
        details: { generalSaleOpensAt: schedule.general_sale_opens_at.toISOString() },
      });
    }
    if (input.quantity > schedule.max_seats_per_reservation) {
      throw new AppError("VALIDATION_FAILED", "more seats than one booking may have", {
        userMessage: `You can wait for at most ${schedule.max_seats_per_reservation} seats.`,
        details: { max: schedule.max_seats_per_reservation },
      });
    }
    // Held-back seats are not for sale: a show whose other seats are all taken is sold out.
    const free = await tx.seat.count({
      where: { scheduleId, status: "AVAILABLE", heldBackAt: null },
    });
    if (free > 0) {
      throw new AppError("CONFLICT", `schedule ${scheduleId} has free seats`, {
        userMessage: "This show still has free seats: book them instead.",
        details: { reason: "NOT_SOLD_OUT" },
      });
    }
    const existing = await tx.waitlistEntry.findUnique({
      where: { scheduleId_userId: { scheduleId, userId } },
      select: { id: true, status: true },
    });
    if (existing?.status === "WAITING" || existing?.status === "OFFERED") {
      throw new AppError("CONFLICT", "already on this waitlist", {
        userMessage: "You are already on this show's waitlist.",
        details: { reason: "ALREADY_JOINED" },
      });
    }
    const data = { quantity: input.quantity, status: "WAITING" as const, joinedAt: now };
    if (existing) {
      await tx.waitlistEntry.update({ where: { id: existing.id }, data });
    } else {
      await tx.waitlistEntry.create({ data: { ...data, scheduleId, userId } });
    }
    return getShowWaitlist({ scheduleId, userId, tx });
  });
}
