import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@ticketping/common/errors";
import { isUniqueViolation } from "@ticketping/db";
import { db } from "../db";
import type { SavedPerformance } from "./answers";
import type { PerformanceUpdateInput } from "./schemas";
import { invalidInput } from "./invalid-input";
import { invalidateLiveCaches } from "./invalidate-live-caches";
import { presaleWindowError } from "./presale-window-error";
import { presaleFitsWindow, presaleWindowMessage } from "./schemas";
import { forgetQueueEntryRules } from "../queue/get-queue-entry-rules";
import { listScheduleIds } from "./list-schedule-ids";
import { refuseIfReserved } from "./refuse-if-reserved";
import { refusePresaleAfterLineFormed } from "./refuse-presale-after-line-formed";
import { queueStore } from "../queue/queue-store";
import { logger } from "../logger";

/**
 * Edits a performance's fields, including opening and closing its sale (saleStatus).
 * The hall can change only while no schedule exists: seats are laid out from it. The
 * currency only while no reservation exists (an amount owed or paid keeps its currency);
 * the database moves every grade with it (performances_currency_to_grades).
 * Seat maps show the name, the seat limit and (by existing at all) the sale status, and
 * the waiting room runs on the sale status and window: both caches are refreshed, and a
 * general sale's instant saved lists its round among the due rounds at that instant.
 */
export async function updatePerformance({
  id,
  input,
}: {
  id: string;
  input: PerformanceUpdateInput;
}): Promise<SavedPerformance> {
  let updated;
  // Set when this edit marked its sale "presale pending" in Redis: taken back should the
  // edit not commit, so buyers without a code are not refused for a presale never saved.
  const presaleMark = { set: false, token: randomUUID() };
  try {
    updated = await db().$transaction(async (tx) => {
      const current = await tx.performance.findUnique({
        where: { id },
        select: {
          hallId: true,
          bookingOpensAt: true,
          bookingClosesAt: true,
          generalSaleOpensAt: true,
          currency: true,
          _count: { select: { schedules: true } },
        },
      });
      if (!current) throw new AppError("NOT_FOUND", `no performance ${id}`);

      const opens = input.bookingOpensAt ?? current.bookingOpensAt;
      const closes = input.bookingClosesAt ?? current.bookingClosesAt;
      if (opens >= closes)
        throw invalidInput("bookingClosesAt", "Booking must close after it opens.");
      const generalSaleOpensAt =
        input.generalSaleOpensAt === undefined
          ? current.generalSaleOpensAt
          : input.generalSaleOpensAt;
      if (
        !presaleFitsWindow({ bookingOpensAt: opens, bookingClosesAt: closes, generalSaleOpensAt })
      ) {
        throw invalidInput("generalSaleOpensAt", presaleWindowMessage);
      }
      if (current.generalSaleOpensAt === null && generalSaleOpensAt !== null) {
        await refusePresaleAfterLineFormed(id, presaleMark.token);
        presaleMark.set = true;
      }

      if (input.hallId !== undefined && input.hallId !== current.hallId) {
        if (current._count.schedules > 0) {
          throw new AppError("CONFLICT", `performance ${id} has schedules`, {
            userMessage: "The hall cannot change once schedules exist: their seats belong to it.",
            details: { reason: "HAS_SCHEDULES" },
          });
        }
        const hall = await tx.hall.findUnique({ where: { id: input.hallId } });
        if (!hall) throw invalidInput("hallId", "Choose an existing hall.");
      }

      const changesCurrency = input.currency !== undefined && input.currency !== current.currency;
      if (changesCurrency) await refuseIfReserved({ tx, id });

      const performance = await tx.performance.update({
        where: { id },
        data: input,
        select: { id: true, slug: true, generalSaleOpensAt: true },
      });
      return {
        performance: { id: performance.id, slug: performance.slug },
        generalSaleOpensAt: performance.generalSaleOpensAt,
        scheduleIds: await listScheduleIds({ tx, where: { performanceId: id } }),
      };
    });
  } catch (error) {
    if (presaleMark.set) {
      // Best effort: a mark not taken back lapses on its own within a minute.
      await queueStore()
        .clearPresalePending(id, presaleMark.token)
        .catch((clearError: unknown) => {
          logger.warn({ err: clearError, performanceId: id }, "presale mark not taken back");
        });
    }
    const presale = presaleWindowError(error);
    if (presale) throw presale;
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "slug taken", {
        userMessage: "Another performance already uses this slug.",
        details: { reason: "SLUG_TAKEN", issues: [{ path: "slug", message: "Already in use." }] },
        cause: error,
      });
    }
    throw error;
  }
  if (input.generalSaleOpensAt === null) {
    // A presale added within the mark's hold and removed again would otherwise keep turning
    // codeless buyers away as "presale pending" until the mark lapsed.
    await queueStore()
      .clearPresalePending(id)
      .catch((clearError: unknown) => {
        logger.warn({ err: clearError, performanceId: id }, "presale mark not taken back");
      });
  }
  // The ticket route reads when the presale ends from these rules: live at the next ticket.
  forgetQueueEntryRules(id);
  const { generalSaleOpensAt } = updated;
  await invalidateLiveCaches({
    scheduleIds: updated.scheduleIds,
    performanceIds: [id],
    // Whatever brings a presale's sale (back) to life before its round: the instant saved,
    // the sale reopened, its opening moved. The ticker must hold it until the round ran.
    generalSales:
      generalSaleOpensAt &&
      (input.generalSaleOpensAt !== undefined ||
        input.saleStatus !== undefined ||
        input.bookingOpensAt !== undefined)
        ? [{ performanceId: id, opensAt: generalSaleOpensAt }]
        : [],
    removedGeneralSales: input.generalSaleOpensAt === null ? [id] : [],
  });
  return updated.performance;
}
