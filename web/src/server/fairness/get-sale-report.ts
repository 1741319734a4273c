import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { queueStore } from "../queue/queue-store";
import { computeSaleReport } from "./compute-sale-report";
import { saleReportSchema, type SaleReport } from "./report-schemas";

/**
 * A sale's fairness report from its queue's records in Redis and its seats in PostgreSQL:
 * live for the organizer, public ("final") once the sale has closed. A final report is
 * also kept in PostgreSQL, and served from there should the queue's records be gone.
 */
export async function getSaleReport({
  performanceId,
  audience,
}: {
  performanceId: string;
  audience: "public" | "organizer";
}): Promise<SaleReport> {
  const performance = await db().performance.findUnique({
    where: { id: performanceId },
    select: { saleStatus: true, bookingClosesAt: true },
  });
  if (!performance || (audience === "public" && performance.saleStatus === "DRAFT")) {
    throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  }
  const now = new Date();
  const final = performance.saleStatus === "CLOSED" || performance.bookingClosesAt <= now;
  if (audience === "public" && !final) {
    throw new AppError("REPORT_NOT_PUBLIC", `the sale of ${performanceId} is still open`, {
      details: { closesAt: performance.bookingClosesAt.toISOString() },
    });
  }

  const store = queueStore();
  const [record, snapshot, soldOutAt] = await Promise.all([
    store.saleRecord(performanceId),
    store.stats(performanceId),
    whenSoldOut(performanceId),
  ]);
  const hasRecord = record.openedAt !== null || Object.keys(record.counters).length > 0;
  if (final && !hasRecord) {
    const kept = await keptReport(performanceId);
    if (kept) return kept;
  }
  const report: SaleReport = {
    performanceId,
    final,
    generatedAt: now,
    ...computeSaleReport({
      record,
      maxActive: snapshot.progress?.maxActive ?? null,
      soldOutAt,
    }),
  };
  if (final && hasRecord) {
    await db().saleFairness.updateMany({
      where: { performanceId },
      data: { finalReport: saleReportSchema.encode(report) },
    });
  }
  return report;
}

/** When the last seat was sold, if every seat of every show is sold; null otherwise. */
async function whenSoldOut(performanceId: string): Promise<Date | null> {
  const unsold = await db().seat.count({
    // Seats held back from sale are not for sale: the rest sold is sold out.
    where: { schedule: { performanceId }, status: { not: "SOLD" }, heldBackAt: null },
  });
  if (unsold > 0) return null;
  const last = await db().reservation.aggregate({
    where: { schedule: { performanceId }, status: "CONFIRMED" },
    _max: { confirmedAt: true },
  });
  return last._max.confirmedAt;
}

async function keptReport(performanceId: string): Promise<SaleReport | null> {
  const row = await db().saleFairness.findUnique({
    where: { performanceId },
    select: { finalReport: true },
  });
  const parsed = saleReportSchema.safeParse(row?.finalReport);
  return parsed.success ? parsed.data : null;
}
