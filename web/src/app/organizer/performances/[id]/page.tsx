import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError } from "@ticketping/common/errors";
import { GradesEditor } from "@/components/organizer/grades-editor";
import { toUtcInput } from "@/components/organizer/input-values";
import { env } from "@/env";
import { SaleReportFigures } from "@/components/fairness/sale-report-figures";
import { LiveStats } from "@/components/organizer/live-stats";
import { PerformanceForm } from "@/components/organizer/performance-form";
import { PresaleCodes } from "@/components/organizer/presale-codes";
import { listPresaleCodes } from "@/server/presale/list-presale-codes";
import { QueueSettingsForm } from "@/components/organizer/queue-settings-form";
import { SaleControls } from "@/components/organizer/sale-controls";
import { ScheduleManager } from "@/components/organizer/schedule-manager";
import type { AdminPerformance } from "@/server/admin/answers";
import { getAdminPerformance } from "@/server/admin/get-admin-performance";
import { getSaleReport } from "@/server/fairness/get-sale-report";
import type { SaleReport } from "@/server/fairness/report-schemas";
import { logger } from "@/server/logger";
import { listHalls } from "@/server/admin/list-halls";
import { idParamsSchema } from "@/server/admin/schemas";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.performance"))("title") };
}

const sectionClass =
  "flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6";

async function load(id: string): Promise<AdminPerformance> {
  try {
    return await getAdminPerformance({ id });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** The live report, or null when the queue's records cannot be read: the page still works. */
async function loadReport(performanceId: string): Promise<SaleReport | null> {
  try {
    return await getSaleReport({ performanceId, audience: "organizer" });
  } catch (error) {
    logger.warn({ err: error, performanceId }, "fairness report unavailable");
    return null;
  }
}

export default async function EditPerformancePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  await requireAdminPage(`/organizer/performances/${parsed.success ? parsed.data.id : ""}`);
  if (!parsed.success) notFound();
  const [t, performance, halls, report, presaleCodes] = await Promise.all([
    getTranslations("organizer"),
    load(parsed.data.id),
    listHalls(),
    loadReport(parsed.data.id),
    // An unknown performance is load()'s 404; any other failure must show, not read as
    // "no codes yet" (an organizer would make a second batch).
    listPresaleCodes({ performanceId: parsed.data.id }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") return [];
      throw error;
    }),
  ]);
  // A week after the last show (or the booking close), at 19:00 UTC, as a starting point.
  const suggested = new Date(
    Math.max(performance.lastShowAt.getTime(), performance.bookingClosesAt.getTime()) +
      7 * 86_400_000,
  );
  suggested.setUTCHours(19, 0, 0, 0);

  return (
    <>
      <div className="flex flex-col gap-1">
        <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
          {t("back")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{performance.name}</h1>
        <p className="text-sm text-slate-600">
          {t("performance.summary", {
            hall: performance.hall.name,
            count: performance.reservationCount,
          })}{" "}
          ·{" "}
          {performance.saleStatus === "DRAFT" ? (
            t("performance.notVisible")
          ) : (
            <Link
              href={`/performances/${performance.slug}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {t("performance.viewAsBuyer")}
            </Link>
          )}
          {" · "}
          <Link
            href={`/organizer/performances/${performance.id}/orders`}
            className="font-medium text-brand-700 hover:underline"
          >
            {t("performance.ordersLink")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="live-heading" className={sectionClass}>
        <h2 id="live-heading" className="text-lg font-semibold">
          {t("performance.live")}
        </h2>
        <LiveStats performanceId={performance.id} />
      </section>

      <section aria-labelledby="report-heading" className={sectionClass}>
        <h2 id="report-heading" className="text-lg font-semibold">
          {t("performance.report")}
        </h2>
        <p className="text-sm text-slate-600">
          {report?.final ? t("performance.reportFinal") : t("performance.reportLive")}
        </p>
        {report ? (
          <SaleReportFigures report={report} />
        ) : (
          <p className="text-sm text-slate-600">{t("performance.reportUnavailable")}</p>
        )}
      </section>

      <section aria-labelledby="sale-heading" className={sectionClass}>
        <h2 id="sale-heading" className="text-lg font-semibold">
          {t("performance.sale")}
        </h2>
        <SaleControls performanceId={performance.id} status={performance.saleStatus} />
      </section>

      <section aria-labelledby="presale-heading" className={sectionClass}>
        <h2 id="presale-heading" className="text-lg font-semibold">
          {t("performance.presale")}
        </h2>
        <PresaleCodes
          performanceId={performance.id}
          generalSaleOpensAt={performance.generalSaleOpensAt?.toISOString() ?? null}
          initialCodes={presaleCodes}
        />
      </section>

      <section aria-labelledby="schedules-heading" className={sectionClass}>
        <h2 id="schedules-heading" className="text-lg font-semibold">
          {t("performance.shows")}
        </h2>
        <ScheduleManager
          performanceId={performance.id}
          schedules={performance.schedules}
          grades={performance.grades}
          hall={performance.hall}
          defaultStartsAt={toUtcInput(suggested)}
        />
      </section>

      <section aria-labelledby="grades-heading" className={sectionClass}>
        <h2 id="grades-heading" className="text-lg font-semibold">
          {t("performance.grades")}
        </h2>
        <GradesEditor
          performanceId={performance.id}
          currency={performance.currency}
          grades={performance.grades}
        />
      </section>

      <section aria-labelledby="queue-heading" className={sectionClass}>
        <h2 id="queue-heading" className="text-lg font-semibold">
          {t("performance.queue")}
        </h2>
        <QueueSettingsForm
          performanceId={performance.id}
          settings={performance.queue}
          defaults={{
            maxActive: env.QUEUE_DEFAULT_MAX_ACTIVE,
            admitRatePerSec: env.QUEUE_DEFAULT_ADMIT_RATE_PER_SEC,
            tokenTtlSeconds: env.QUEUE_DEFAULT_TOKEN_TTL_SECONDS,
            refuseRatio: env.QUEUE_DEFAULT_REFUSE_RATIO,
            powComplexity: env.POW_QUEUE_COMPLEXITY,
          }}
        />
      </section>

      <section aria-labelledby="details-heading" className={sectionClass}>
        <h2 id="details-heading" className="text-lg font-semibold">
          {t("performance.details")}
        </h2>
        <PerformanceForm
          halls={halls}
          initial={{
            id: performance.id,
            name: performance.name,
            slug: performance.slug,
            description: performance.description,
            posterUrl: performance.posterUrl,
            runtimeMinutes: performance.runtimeMinutes,
            ageRating: performance.ageRating,
            bookingOpensAt: performance.bookingOpensAt.toISOString(),
            bookingClosesAt: performance.bookingClosesAt.toISOString(),
            maxSeatsPerReservation: performance.maxSeatsPerReservation,
            hallId: performance.hall.id,
            currency: performance.currency,
            currencyLocked: performance.reservationCount > 0,
          }}
        />
      </section>
    </>
  );
}
